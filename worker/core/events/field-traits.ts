// Names the form fields the snippet sends. To spend no bytes on a table of names, the snippet sends each wanted
// field under its hint: "?" + its autocomplete token, type and name (or id), lower-cased, e.g. "?email email
// work_email". Here the hint becomes a trait. Pure.

/**
 * Patterns in order, each named by its first alternative: titles before companies ("organization-title"), company
 * sizes before companies, countries and first/last names before names. The snippet sends only hints holding one of
 * these words (snippet/src/fields.ts, WANTED); a unit test keeps the two lists in step.
 */
export const FIELD_TRAITS: readonly (readonly [trait: string, pattern: RegExp])[] = [
  ["email", /mail/],
  ["phone", /phone|tel/],
  ["job_title", /title|role/],
  ["company_size", /size/],
  ["company", /compan|organ/],
  ["budget", /budget/],
  ["timeline", /time/],
  ["need", /need|message/],
  ["country", /country/],
  ["first_name", /first.?name|given.?name/],
  ["last_name", /last.?name|family.?name|surname/],
  ["name", /name/],
];

/** The trait a field's hint names, or null. */
export function traitOfHint(hint: string): string | null {
  const h = hint.toLowerCase();
  for (const [trait, pattern] of FIELD_TRAITS) if (pattern.test(h)) return trait;
  return null;
}

/**
 * Traits with every "?hint" key named: fields in document order, a later one overwriting an earlier one of the same
 * trait (as a form's last field of a kind is its answer); keys named on the page (data-pista-field, identify) win.
 * Hints that name no trait are dropped.
 */
export function namedTraits<T>(traits: Record<string, T>): Record<string, T> {
  const fromHints: Record<string, T> = {};
  const named: Record<string, T> = {};
  for (const [key, value] of Object.entries(traits)) {
    if (!key.startsWith("?")) named[key] = value;
    else {
      const trait = traitOfHint(key.slice(1));
      if (trait) fromHints[trait] = value;
    }
  }
  return { ...fromHints, ...named };
}
