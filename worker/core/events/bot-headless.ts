// Signs of a scripted or headless browser: automation frameworks and page-speed tools that render like Chrome.

// Each token names a tool that announces itself in the user agent; none appears in a shipping browser's UA.
export const HEADLESS_UA = new RegExp(
  [
    "headless", "phantomjs", "slimerjs", "selenium", "webdriver", "puppeteer", "playwright", "cypress",
    "nightmare", "htmlunit", "jsdom", "zombie\\.js", "lighthouse", "speed insights", "pagespeed", "ptst/",
    "gtmetrix",
  ].join("|"),
  "i",
);

/** True when the request headers reveal headless Chrome (its client hints list a "HeadlessChrome" brand). */
export function headlessByHeaders(headers: Record<string, string | undefined> | undefined): boolean {
  if (!headers || typeof headers !== "object") return false;
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if ((n === "sec-ch-ua" || n === "sec-ch-ua-full-version-list") && typeof value === "string" && /headless/i.test(value)) {
      return true;
    }
  }
  return false;
}
