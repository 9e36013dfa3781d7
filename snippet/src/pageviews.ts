// Page views: the first load, SPA navigations (pushState, replaceState, back/forward, hash changes), bfcache restores.
import { leavePage, page, startPage } from "./engagement";
import { eventOf } from "./event";
import { enqueue } from "./queue";
import { on, safe } from "./safe";

let referrer = document.referrer;

/** A page view unless the URL is the one just counted; `force` for pista('page') and bfcache restores. */
export const pageview = (force?: unknown): void => {
  if (location.href != page || force) {
    leavePage();
    // Only the document's first view has a referrer; the collector tells self-referrals from sources.
    enqueue(eventOf("pageview", { r: referrer }));
    startPage();
    referrer = "";
  }
};

export const initPageviews = (): void => {
  const changed = safe(() => pageview());
  for (const name of ["pushState", "replaceState"] as const) {
    const original = history[name];
    // The page's own call runs first and untouched (its errors are its own); pushState returns nothing.
    history[name] = function (this: History, ...args: Parameters<History["pushState"]>) {
      original.apply(this, args);
      changed();
    };
  }
  // Back/forward, and hash changes: browsers fire popstate for fragment navigation too, so no hashchange listener.
  on("popstate", changed);
  on("pageshow", (e: PageTransitionEvent) => e.persisted && pageview(1));
};
