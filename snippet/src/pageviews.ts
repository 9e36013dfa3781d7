// Page views: the first load, SPA navigations (pushState, replaceState, back/forward, hash changes), bfcache restores.
import { leavePage, page, startPage } from "./engagement";
import { record } from "./queue";
import { on, safe } from "./safe";

let referrer = document.referrer;

/** A page view unless the URL is the one just counted; `force` for pista('page') and bfcache restores. */
export const pageview = (force?: unknown): void => {
  // `force` is 1 exactly: popstate passes its event here (an event is never == 1).
  if (location.href != page || force == 1) {
    leavePage();
    // Only the document's first view has a referrer; the collector tells self-referrals from sources.
    record("pageview", { r: referrer });
    startPage();
    referrer = "";
  }
};

export const initPageviews = (): void => {
  (["pushState", "replaceState"] as const).map((name) => {
    const original = history[name];
    // The page's own call runs first, untouched, and its errors stay its own; `finally` counts the view even when
    // a wrapper the page put on history throws after changing the URL. pushState returns nothing; a wrapper may.
    history[name] = function (this: History, ...args: Parameters<History["pushState"]>) {
      try {
        return original.apply(this, args);
      } finally {
        // Isolated: an error of ours must not replace the page's own result or error.
        safe(pageview)();
      }
    };
  });
  // Back/forward, and hash changes: browsers fire popstate for fragment navigation too, so no hashchange listener.
  on("popstate", pageview);
  on("pageshow", (e: PageTransitionEvent) => e.persisted && pageview(1));
};
