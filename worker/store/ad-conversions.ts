// The conversions an ad platform can be told about: each profile's first reach of a stage, with the ad click that came
// before it. Touches and conversions of merged-away profiles were moved to the survivor by the merge's commit, so a
// click from an anonymous visit before the person was recognised counts.
import type { AdStage } from "../../schema/destinations";

export interface ClickConversionRow {
  profile_id: string;
  stage: AdStage;
  /** the first time the profile reached the stage, epoch ms */
  at: number;
  /** the latest click of that type at or before `at` */
  click_value: string;
  deal_amount: number | null;
  deal_currency: string | null;
}

/**
 * Stage conversions since `since` whose profile had a `clickType` touch (with its value) at or before the conversion,
 * excluding profiles that refused marketing; oldest first, at most `limit`. A merge can leave two rows of one stage
 * (one per former profile): the earliest counts.
 */
export async function clickConversions(db: D1Database, q: { site: string; stages: readonly AdStage[]; clickType: string; since: number; limit: number }): Promise<ClickConversionRow[]> {
  const { results } = await db
    .prepare(
      `WITH reached AS (
         SELECT profile_id, kind, MIN(at) AS at FROM conversions
         WHERE site = ?1 AND kind IN (SELECT value FROM json_each(?2))
         GROUP BY profile_id, kind HAVING MIN(at) >= ?3
       ), clicked AS (
         SELECT r.profile_id, r.kind, r.at,
           (SELECT t.click_id_value FROM touches t
            WHERE t.profile_id = r.profile_id AND t.click_id = ?4 AND t.click_id_value IS NOT NULL AND t.at <= r.at
            ORDER BY t.at DESC LIMIT 1) AS click_value
         FROM reached r
       )
       SELECT c.profile_id, c.kind AS stage, c.at, c.click_value, p.deal_amount, p.deal_currency
       FROM clicked c JOIN profiles p ON p.id = c.profile_id
       WHERE c.click_value IS NOT NULL AND p.doc->>'$.marketing_refused' IS NULL
       ORDER BY c.at, c.profile_id, c.kind LIMIT ?5`,
    )
    .bind(q.site, JSON.stringify(q.stages), q.since, q.clickType, q.limit)
    .all<ClickConversionRow>();
  return results;
}
