// UTM tags and ad click ids from the landing URL, kept for the session (sessionStorage) so later events carry them in `q`.
import { store } from "./storage";

/** The session's campaign parameters: this landing's, else those kept from the session's landing. */
export let campaign: Record<string, string> | undefined;

/** Reads the landing URL, then keeps or restores the session's campaign. */
export const initCampaign = (): void => {
  // utm_* tags (the six classic ones and GA4's newer ones) and ad click ids: gclid, dclid, msclkid, fbclid, ttclid,
  // twclid, gbraid, wbraid, li_fat_id. Tags are chosen by the marketer, never typed by the visitor.
  new URLSearchParams(location.search).forEach((value, key) => /^utm_|clk?id$|braid$|li_fat_id$/.test(key) && ((campaign ||= {})[key] = value));
  // A new campaign landing replaces the one kept for the session; without one, the kept one is restored. (A copy of
  // either, read back from JSON; in memory only when identifiers are not allowed.)
  campaign = JSON.parse(store("pista_q", campaign && JSON.stringify(campaign), 1) || JSON.stringify(campaign || {}));
};
