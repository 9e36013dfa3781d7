// Counts what a page hands to sendBeacon or fetch for /collect, so a test can check "nothing (more) was sent" at once
// rather than wait for the collector to stay silent.
import type { BrowserContext, Page } from "playwright-core";

/** Every page of the context counts its sends to /collect in `window.__sends`, from before the snippet runs. */
export async function countSends(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __sends: number };
    w.__sends = 0;
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => (w.__sends++, beacon(url, data));
    const fetch = window.fetch.bind(window);
    window.fetch = (input, init) => (String(input).endsWith("/collect") && w.__sends++, fetch(input, init));
  });
}

/** How many sends the page has made so far. */
export const sendsOf = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __sends: number }).__sends);
