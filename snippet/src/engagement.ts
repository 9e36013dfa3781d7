// Lead-intent signals per page: engaged time (visible and focused) and the deepest scroll, sent as an `engage` event.
import { record } from "./queue";
import { on } from "./safe";

/** The page being measured (its URL is kept: an SPA has already changed location when it is left), and since when. */
export let page: string;
export let shownAt: number;
let engaged: number;
let since: number;
let depth: number;

/** Adds the time since the last change of state, then restarts the clock only while the page is seen and focused. */
export const tick = (): void => {
  const now = Date.now();
  if (since) engaged += now - since;
  since = document.hasFocus() ? now : 0; // a hidden page has no focus
};

const scrolled = (): number => (depth = Math.max(depth, (((scrollY + innerHeight) * 100) / document.documentElement.scrollHeight) | 0));

/** Starts measuring the current page. Its height is first read when it is scrolled or left, not now: reading it
 * forces a layout, which start-up has no time for. */
export const startPage = (): void => {
  page = location.href;
  shownAt = Date.now();
  depth = 0; // engaged and since: leavePage() has just zeroed them
  tick();
};

/**
 * Reports the time gathered so far and stops the clock (pagehide and visibilitychange both fire on the way out);
 * the page stays current, so coming back to the tab starts counting again.
 */
export const leavePage = (): void => {
  tick();
  if (engaged) record("engage", { p: { engaged_ms: engaged, scroll: scrolled() } }, page);
  engaged = since = 0;
};

export const initEngagement = (): void => {
  // Window focus and blur; element focus changes pass here too (capture) and are harmless re-ticks.
  on("focus", tick);
  on("blur", tick);
  on("scroll", scrolled);
};
