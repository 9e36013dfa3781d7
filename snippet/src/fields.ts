// Which form fields may be read: identity and qualification (BANT) fields only, never secrets. A field is described
// by a lower-case hint, "?" + its autocomplete token, type and name (or id): "?email email work_email". The hint is
// the key the field's value is sent under; the collector names the trait (worker/core/events/field-traits.ts), so the
// table of names costs the snippet no bytes. Only hints holding one of the words below leave the page.

/** Passwords, hidden and file fields, payment and one-time codes: never read, even when marked data-pista-field. */
export const SECRET = /pass|hidden|file|card|cv[cv]|iban|otp|2fa|code|token|\bcc/;

/** The words of the traits the collector knows (the same words name them there). */
export const WANTED = /mail|phone|tel|title|role|size|compan|organ|budget|time|need|message|country|name/;

/**
 * 13–19 digits, spaces and dashes allowed: what a payment card number looks like, whatever the field claims to be.
 * Stricter than a Luhn check (a long phone number written without "+" is dropped too) and cheaper in bytes.
 */
export const cardLike = (value: string): boolean => /^\d{13,19}$/.test(value.replace(/[ -]/g, ""));
