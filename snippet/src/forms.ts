// Form submissions: fill time, a filled honeypot, and identity fields as traits. The submission is never delayed:
// the event is queued, and the queue is flushed with sendBeacon when the page is left.
import { eventOf } from "./event";
import { cardLike, secret, traitOf } from "./fields";
import { shownAt } from "./engagement";
import { enqueue } from "./queue";
import { on } from "./safe";

const submitted = (e: SubmitEvent): void => {
  const form = e.target as HTMLFormElement;
  // Fill time counts from the page view (DESIGN: "form submitted too fast after load"); an SPA route is a new page.
  const p: Record<string, number | boolean> = { form_ms: Date.now() - shownAt };
  const tr: Record<string, string> = {};
  if (!form.closest("[data-pista-ignore]")) {
    for (const el of form.elements as HTMLCollectionOf<HTMLInputElement>) {
      const name = el.name || el.id;
      const value = el.value; // undefined on a fieldset
      const hint = `${el.autocomplete} ${el.type} ${name}`.toLowerCase();
      const own = el.dataset.pistaField;
      const trait = !secret(hint) && (own == undefined ? traitOf(hint) : own || name);
      // Unchecked boxes and radios hold a value that was not chosen.
      if (!value || (/box|radio/.test(hint) && !el.checked) || el.closest("[data-pista-ignore]")) continue;
      // A bot fills every field: report that it did, never what it wrote.
      if (el.hasAttribute("data-pista-honeypot") || /honey/.test(hint)) p.honeypot = true;
      else if (trait && !cardLike(value)) tr[trait] = value.slice(0, 512);
    }
    enqueue(eventOf("form", { n: form.getAttribute("id") || form.getAttribute("name") || undefined, p, tr }));
  }
};

export const initForms = (): void => on("submit", submitted);
