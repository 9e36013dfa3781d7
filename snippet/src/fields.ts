// Which form fields may be read, and as which trait: identity and qualification (BANT) fields only, never secrets.
// A field is described by a lower-case hint: its autocomplete token, type and name (or id).

/** Passwords, hidden and file fields, payment and one-time codes: never read, even when marked data-pista-field. */
const SECRET = /pass|hidden|file|card|cv[cv]|iban|otp|2fa|code|token|\bcc/;

/**
 * Patterns in order, each named by its first alternative: titles before companies ("organization-title"), company
 * sizes before companies, countries and first/last names before names.
 */
const TRAITS =
  "email|mail,phone|tel,job_title|title|job|role,company_size|size,company|organi," +
  "budget,timeline|time,need|message,country,first_name|first,last_name|last,name";

export const secret = (hint: string): boolean => SECRET.test(hint);

/** The trait a field's hint names, if any. */
export const traitOf = (hint: string): string | undefined => {
  for (const pattern of TRAITS.split(",")) if (RegExp(pattern).test(hint)) return pattern.split("|")[0];
};

/**
 * 13–19 digits, spaces and dashes allowed: what a payment card number looks like, whatever the field claims to be.
 * Stricter than a Luhn check (a long phone number written without "+" is dropped too) and cheaper in bytes.
 */
export const cardLike = (value: string): boolean => /^\d{13,19}$/.test(value.replace(/[ -]/g, ""));
