// Which form fields may be read: identity and qualification (BANT) fields only, never secrets. A field is described
// by a lower-case hint, "?" + its autocomplete token, type and name (or id): "?email email work_email". The hint is
// the key the field's value is sent under; the collector names the trait (worker/core/events/field-traits.ts), so the
// table of names costs the snippet no bytes. Only hints holding one of the words below leave the page.

/**
 * The key a field's value is sent under, else a falsy value: the hint when it holds a wanted word, or the name given
 * by data-pista-field (`own`; the field's `name` when that is empty). Never for
 * - a secret hint: passwords, hidden and file fields, payment and one-time codes (even when marked data-pista-field);
 * - a value shaped like a payment card number: 13–19 digits, spaces and dashes allowed, whatever the field claims to
 *   be (stricter than a Luhn check: a long phone number written without "+" is dropped too, and cheaper in bytes).
 * The wanted words are those of the traits the collector knows (the same words name them there). The patterns are
 * literal here rather than named constants: a constant costs the snippet bytes (test/unit/snippet-fields.test.ts
 * reads them from this function).
 */
export const fieldKey = (hint: string, value: string, own?: string, name?: string): string | false | undefined =>
  !/pass|hidden|file|card|cv[cv]|iban|otp|2fa|code|token|\bcc/.test(hint) &&
  !/^[ -]*(\d[ -]*){13,19}$/.test(value) &&
  (own == undefined ? /mail|phone|tel|title|role|size|compan|organ|budget|time|need|message|country|name/.test(hint) && hint : own || name);
