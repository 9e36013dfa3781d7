// Entry: ignores a second copy of the script, replays early calls, wires the capture modules, counts the first view.
import { command } from "./api";
import { initCampaign } from "./campaign";
import { initClicks } from "./clicks";
import { gpc, initConsent } from "./consent";
import { initEngagement, leavePage, tick } from "./engagement";
import { initForms } from "./forms";
import { initPageviews, pageview } from "./pageviews";
import { flush, initQueue, refuse } from "./queue";
import { on, safe } from "./safe";

type Pista = ((...args: unknown[]) => void) & { q?: unknown[][]; v?: number };

const w = window as Window & { pista?: Pista };
const early = w.pista;

// `v` marks the real function; the early-call stub has none, so a second copy of p.js sees it and stops.
if (!early?.v) {
  const pista = safe(command) as Pista;
  pista.v = 1;
  w.pista = pista;
  try {
    initConsent();
    initQueue();
    // GPC on a device tracked before: the refusal reaches that person's profile, then the stored id is gone.
    if (gpc) refuse();
    // Early calls first, so a consent decision made before the script loaded applies to storage and the first page
    // view (early track calls go out without the campaign; the collector reads it from the landing URL anyway).
    early?.q?.map((args) => pista(...args));
    initCampaign();
    initPageviews();
    initEngagement();
    initClicks();
    initForms();
    // Leaving or hiding the page: report its engagement and send everything with sendBeacon (flush(1): leaving).
    const hide = () => (leavePage(), flush(1));
    on("visibilitychange", () => (document.hidden ? hide() : tick()));
    on("pagehide", hide);
    pageview();
  } catch {
    // a tracking failure must not break the site
  }
}
