// What the leads page and its CSV download show: one view (people, hot visitors, everyone) and the filters on top,
// read from the query string with the API's own schema and turned into one list query, so the page and the file are
// the same list in the same order.
import { ProfileQuery } from "../../../schema/api";
import type { QualityStatus } from "../../../schema/vocabulary";
import type { ListQuery } from "../../services/profiles";
import { lenient } from "./lenient";

/**
 * People: identified (an e-mail, phone or user id) and not junk, the list a sales team works. Hot visitors: anonymous
 * and not junk, the ones to watch. Everyone: no default filter.
 */
export const LEAD_VIEWS = {
  people: { title: "People", heading: "Identified leads, hottest first", identified: true },
  visitors: { title: "Hot visitors", heading: "Anonymous visitors, hottest first", identified: false },
  everyone: { title: "Everyone", heading: "Every profile, hottest first", identified: undefined },
} as const satisfies Record<string, { title: string; heading: string; identified: boolean | undefined }>;
export type LeadView = keyof typeof LEAD_VIEWS;

/** The quality a view shows unless the filter says otherwise: everything but junk. */
const NOT_JUNK: QualityStatus[] = ["valid", "suspect"];
export const ANY_QUALITY = "any";

/** The filters as the form shows them (text, as typed), and the list query they make. */
export interface LeadsView {
  view: LeadView;
  /** the query-string parameters that make this view, without paging: for the form, the tabs and the CSV link */
  params: Record<string, string>;
  query: ListQuery;
}

/** The filter parameters a page keeps (paging and the site come separately). */
const FILTERS = [
  "q", "email", "stage", "label", "quality", "min_score", "channel", "source", "campaign",
  "first_seen_from", "first_seen_to", "last_seen_from", "last_seen_to", "owner", "overdue",
] as const;

export function leadsViewOf(raw: Record<string, string>, site: string): LeadsView {
  const view: LeadView = raw.view !== undefined && Object.hasOwn(LEAD_VIEWS, raw.view) ? (raw.view as LeadView) : "people";
  const anyQuality = raw.quality === ANY_QUALITY;
  const input: Record<string, string> = { site };
  for (const k of FILTERS) if (raw[k] !== undefined && raw[k]!.trim() !== "" && !(k === "quality" && anyQuality)) input[k] = raw[k]!;
  const asked = lenient(ProfileQuery, { ...input, ...(raw.cursor ? { cursor: raw.cursor } : {}), ...(raw.before ? { before: raw.before } : {}) }) ?? { site };
  const identified = LEAD_VIEWS[view].identified;
  const quality = asked.quality ?? (anyQuality || view === "everyone" ? undefined : NOT_JUNK);
  const query: ListQuery = {
    ...asked,
    site,
    sort: "score",
    ...(identified === undefined ? {} : { identified }),
    ...(quality ? { quality } : {}),
  };
  // what survived validation, as typed, so the form and the links keep exactly the filters in force
  const params: Record<string, string> = { view };
  for (const k of FILTERS) if (k in input && (asked as Record<string, unknown>)[k] !== undefined) params[k] = input[k]!;
  if (anyQuality) params.quality = ANY_QUALITY;
  return { view, params, query };
}
