// Clicks: links that matter for leads, and the buttons of script-driven lead forms. Found through composedPath(), so
// shadow roots hide neither. Navigation is never delayed: the event waits in the queue, flushed with sendBeacon
// when the page is hidden.
import { read, submitted } from "./forms";
import { record } from "./queue";
import { on } from "./safe";

/** What a click's composed path holds, as far as this module reads it. */
type PathNode = HTMLElement & HTMLAnchorElement;
type Field = HTMLInputElement;

const clicked = (e: MouseEvent): void => {
  const path = e.composedPath() as PathNode[];
  // `submit` does not leave a shadow root: every open shadow root a click passes through gets the submit listener
  // (the same function, so adding it again does nothing). A click precedes a submission: on its button, or Enter in
  // a field, which clicks the form's default button.
  for (const n of path) if (n.nodeType == 11) n.addEventListener("submit", submitted, true);
  // The innermost link (<a> or <area>: only they have a protocol), even inside an open shadow root. Sent when it may
  // matter: another host or scheme (outbound, mailto:, tel:), a file-like path, or a download attribute. The collector
  // tells outbound links, mailto:, tel: and downloads by extension apart and drops the rest (worker/core/events/link-kind.ts):
  // the list of file extensions costs the snippet no bytes. A right click (button 2) opens a menu, not the link.
  const a = path.find((n) => n.protocol);
  const download = a?.hasAttribute("download");
  if (a && e.button < 2 && !a.closest("[data-pista-ignore]") && (download || a.host != location.host || /\.\w+$/.test(a.pathname)))
    record(download ? "download" : "click", { n: a.href });
  // A script-driven lead form: a click on a button outside a <form> (whose submit event counts). The button is the
  // outermost <button> or custom element named like one (<sl-button>) on the path; its container is the nearest
  // [data-pista-form], else the nearest element holding an e-mail field if it holds no other button (a page-wide
  // wrapper holds many). Found without markup, it counts only when its e-mail field holds a value.
  const box = path.findLast((n) => /button/.test(n.localName))?.closest<HTMLElement>("[data-pista-form],:has([type=email])");
  const mark = box?.dataset.pistaForm;
  if (box && !e.button && !box.closest("form") && (mark != null || (box.querySelectorAll("button").length < 2 && box.querySelector<Field>("[type=email]")!.value)))
    read(box, mark || box.id);
};

export const initClicks = (): void => {
  on("click", clicked);
  on("auxclick", clicked);
};
