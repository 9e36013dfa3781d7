// Form submissions and script-driven lead forms: fill time, a filled honeypot, and identity fields under their hints.
// `submit` is listened to in the capture phase, so forms whose own script cancels the submit are counted too.
// Nothing is ever delayed: the event is queued, and the queue is flushed with sendBeacon when the page is left.
import { shownAt } from "./engagement";
import { record } from "./queue";
import { fieldKey } from "./fields";
import { safe } from "./safe";

type Field = HTMLInputElement;

/**
 * Reads the fields of `box` (a form, or the container of a script-driven form) into a `form` event named `n`.
 * A form's values come from `data`, `new FormData(form)`: what the form would submit, custom elements included
 * (they add their values in the `formdata` event); a field without a name, and a container's fields, by `value`.
 */
export const read = (box: Element, n?: string | null, data?: FormData, fb?: string | null): void => {
  // Fill time counts from the page view (DESIGN: "form submitted too fast after load"); an SPA route is a new page.
  // The submit button's text says what the form asks for ("Request a demo"); the collector reads it (`fb`).
  // (JSON leaves `fb` out when there is no submit button.)
  const p = { form_ms: Date.now() - shownAt, fb } as Record<string, number | boolean | string>;
  const tr: Record<string, string> = {};
  if (!box.closest("[data-pista-ignore]")) {
    for (const el of box.querySelectorAll("[name],input,select,textarea") as NodeListOf<Field>) {
      const name = el.name || el.id;
      const value = data && el.name ? (data.get(name) as string) : el.value; // a File for file inputs (secret)
      const hint = `?${el.autocomplete} ${el.type} ${name}`.toLowerCase();
      const own = el.dataset.pistaField;
      // data-pista-field names the trait itself (its value, else the field's name); secrets and card numbers: none.
      const key = fieldKey(hint, value, own, name);
      // Unchecked boxes and radios hold a value that was not chosen.
      if (!value || (/box|radio/.test(hint) && !el.checked) || el.closest("[data-pista-ignore]")) continue;
      // A bot fills every field: report that it did, never what it wrote.
      if (el.hasAttribute("data-pista-honeypot")) p.honeypot = true;
      else if (key) tr[key] = value;
    }
    record("form", { n, p, tr });
  }
};

/**
 * The submit listener: one function, so that adding it again to a shadow root it already watches does nothing
 * (clicks.ts adds it to the shadow roots a click passes through). The form is named by its id or name attribute:
 * attributes, not properties, as a field named "id" or "name" would shadow form.id.
 */
type Submit = SubmitEvent & { target: HTMLFormElement; submitter: HTMLElement | null };
export const submitted = safe(({ target: form, submitter }: Submit) =>
  read(form, form.getAttribute("id") || form.getAttribute("name"), new FormData(form), submitter?.innerText),
) as (e: Event) => void;

export const initForms = (): void => addEventListener("submit", submitted, true);
