// Request shapes of the accounts API (CONTRACT §13): the list's query and a PATCH of one account.
import * as v from "valibot";
import { SiteId } from "./api";
import { STAGES } from "./vocabulary";

const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)));

export const AccountQuery = v.pipe(
  v.strictObject({
    site: SiteId,
    /** hottest first: the only order (the default) */
    sort: v.optional(v.picklist(["score"])),
    /** part of the domain or the name, any case */
    q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
    min_score: v.optional(v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, "a number"), v.transform(Number))),
    /** the stage the account shows now */
    stage: v.optional(v.picklist(STAGES)),
    /** an owner id of the site's routing, or "none" for accounts nobody owns */
    owner: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
    /** the next page: a next_cursor */
    cursor,
    /** the previous page: a prev_cursor */
    before: cursor,
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(1), v.maxValue(500))),
  }),
  v.forward(v.check((q) => !(q.cursor && q.before), "send cursor or before, not both"), ["before"]),
);
export type AccountQuery = v.InferOutput<typeof AccountQuery>;

export const PatchAccount = v.pipe(
  v.strictObject({
    /** an owner id of the site's routing; null: the account follows its people's owner again */
    owner: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(64)))),
    /** the account's name; null: the company most of its people name again */
    name: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)))),
  }),
  v.check((b) => Object.keys(b).length > 0, "send owner or name"),
);
