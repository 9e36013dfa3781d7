// CSRF defence for dashboard POSTs, on top of the SameSite=Strict cookie: the form must come from this origin.

export interface PostFacts {
  /** the Origin header (absent, "null", or scheme://host[:port]) */
  origin: string | null | undefined;
  /** the Sec-Fetch-Site header browsers send with every request */
  secFetchSite: string | null | undefined;
  /** this dashboard's own origin */
  self: string;
}

/**
 * True when a POST comes from a page of this origin. Browsers send Origin with every form POST; some referrer
 * policies make it "null", and then Sec-Fetch-Site (which no page can forge) must say same-origin.
 */
export function postAllowed(f: PostFacts): boolean {
  if (f.origin && f.origin !== "null") return f.origin.toLowerCase() === f.self.toLowerCase();
  return f.secFetchSite === "same-origin";
}
