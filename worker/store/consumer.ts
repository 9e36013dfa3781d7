// The consumer's reads: which of a batch's events are new, the identities they name, the profiles those point at and
// each site's scoring configuration. The batch's writes are one commit() (commit.ts).
import type { CollectedEvent } from "../../schema/event";
import type { ScoringConfig } from "../../schema/scoring";
import type { IdentityKind } from "../../schema/vocabulary";
import type { KnownState } from "../core/profiles/plan";
import { identifiersOf, identityKey } from "../core/profiles/plan";
import type { ProfileRecord } from "../core/profiles/profile";
import { recordOf, type ProfileRow } from "./profile-rows";
import { scoringOf } from "./sites";

export interface Loaded extends KnownState {
  /** events not stored yet (a redelivery finds none) */
  fresh: CollectedEvent[];
  /** the batch's sites that exist */
  sites: Set<string>;
}

export async function loadKnown(db: D1Database, events: CollectedEvent[]): Promise<Loaded> {
  const unique = [...new Map(events.map((e) => [`${e.site}\u0000${e.id}`, e])).values()];
  const idKeys = unique.flatMap((e) => identifiersOf(e).map((i) => [e.site, i.kind, i.value]));
  const sites = [...new Set(unique.map((e) => e.site))];
  const [stored, identities, siteRows] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT e.site, e.id FROM json_each(?1) j JOIN events e ON e.site = j.value->>0 AND e.id = j.value->>1")
      .bind(JSON.stringify(unique.map((e) => [e.site, e.id]))),
    db.prepare("SELECT i.site, i.kind, i.value, i.profile_id FROM json_each(?1) j JOIN identities i ON i.site = j.value->>0 AND i.kind = j.value->>1 AND i.value = j.value->>2")
      .bind(JSON.stringify(idKeys)),
    db.prepare("SELECT id, scoring FROM sites WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(sites)),
  ]);
  const seen = new Set(stored!.results.map((r) => `${r.site}\u0000${r.id}`));
  const known = new Map<string, string>();
  for (const r of identities!.results) known.set(identityKey(String(r.site), r.kind as IdentityKind, String(r.value)), String(r.profile_id));
  const configs = new Map<string, ScoringConfig>(siteRows!.results.map((r) => [String(r.id), scoringOf(r.scoring as string | null)]));
  const ids = [...new Set(known.values())];
  const rows = ids.length
    ? (await db.prepare("SELECT * FROM profiles WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).all<ProfileRow>()).results
    : [];
  return {
    fresh: unique.filter((e) => !seen.has(`${e.site}\u0000${e.id}`)),
    sites: new Set(configs.keys()),
    identities: known,
    profiles: new Map<string, ProfileRecord>(rows.map((r) => [r.id, recordOf(r)])),
    scoring: (site) => configs.get(site) ?? scoringOf(null),
  };
}
