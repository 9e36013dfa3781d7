// How numbers and times read on the dashboard: fixed locale and UTC, so every viewer sees the same text.

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const TWO = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const wholeText = (n: number) => WHOLE.format(n);

/** Attribution credits are fractional; two decimals show the split without pretending to more. */
export const creditText = (n: number) => TWO.format(n);

export function shareText(part: number, total: number): string {
  if (!(total > 0)) return "–";
  return `${(Math.round((part / total) * 1000) / 10).toFixed(1)}%`;
}

/** Score points with their sign, as the breakdown states them. */
export function pointsText(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r > 0 ? `+${r}` : `${Object.is(r, -0) ? 0 : r}`;
}

/** e.g. "2026-11-22 07:37" (UTC); accepts epoch ms or an ISO string. */
export function timeText(at: number | string): string {
  const ms = typeof at === "number" ? at : Date.parse(at);
  if (Number.isNaN(ms)) return "";
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** e.g. "22 Nov" for chart labels. */
export function shortDayText(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return day;
  return new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** Snake-case names as words: "ready_to_buy" → "ready to buy". */
export const wordsOf = (s: string) => s.replaceAll("_", " ");

/** The path of a URL ("/demo/pricing"); text that is not a URL is shown as it is. */
export function pathText(url: string | null): string {
  if (!url) return "";
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
