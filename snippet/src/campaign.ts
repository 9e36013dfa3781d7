// UTM tags and ad click ids from the landing URL, kept for the session (sessionStorage) so later events carry them in `q`.
import { store } from "./storage";

/** utm_* tags (the six classic ones and GA4's newer ones) and ad click ids: gclid, dclid, msclkid, fbclid, ttclid,
 * twclid, gbraid, wbraid, li_fat_id. Tags are chosen by the marketer, never typed by the visitor. */
const PARAM = /^utm_|clk?id$|braid$|li_fat_id$/;

/** The session's campaign parameters: this landing's, else those kept from the session's landing. */
export let campaign: Record<string, string> | undefined;

/** Reads the landing URL, then keeps or restores the session's campaign. */
export const initCampaign = (): void => {
  new URLSearchParams(location.search).forEach((value, key) => {
    if (PARAM.test(key)) (campaign ||= {})[key] = value;
  });
  // A new campaign landing replaces the one kept for the session.
  if (campaign) store("pista_q", JSON.stringify(campaign), 1);
  else campaign = JSON.parse((store("pista_q", null, 1) || "{}") as string);
};
