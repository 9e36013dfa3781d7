// What the collector stored for a visitor, read through the API (GET /api/v1/profiles, …/{id}/events): the tests
// assert there, after the queue, not only at the wire.
import type { RunningCollector } from "./collector";

export interface StoredEvent {
  id: string;
  type: string;
  name: string | null;
  url: string | null;
  title: string | null;
  props: Record<string, unknown>;
  traits: Record<string, unknown>;
}

export interface StoredProfile {
  id: string;
  traits: Record<string, unknown>;
  email: string | null;
  first_touch: { landing_page: string | null; source: string | null } | null;
}

/**
 * The profile of the `demo` site's visitor `anonymousId`, once `until` holds for its stored events (oldest first)
 * on pages below `base` (the test's scope: Chromium's contexts share localStorage, so tests share a visitor).
 */
export async function stored(
  collector: RunningCollector,
  base: string,
  anonymousId: string,
  until: (events: StoredEvent[]) => boolean,
): Promise<{ profile: StoredProfile; events: StoredEvent[] }> {
  return collector.eventually(async () => {
    // One device may hold several people (two e-mails seen on one anonymous id): their events are read together,
    // and the profile returned is the one holding the newest of them.
    const list = await collector.api<{ data: StoredProfile[] }>(`/api/v1/profiles?site=demo&anonymous_id=${encodeURIComponent(anonymousId)}`);
    const events: (StoredEvent & { at: string; owner: StoredProfile })[] = [];
    for (const owner of list.body.data) {
      const res = await collector.api<{ data: (StoredEvent & { at: string })[] }>(`/api/v1/profiles/${owner.id}/events?limit=200`);
      events.push(...res.body.data.map((e) => ({ ...e, owner })));
    }
    const mine = events.filter((e) => e.url === base || e.url?.startsWith(base + "/")).sort((x, y) => x.at.localeCompare(y.at));
    if (!mine.length || !until(mine)) return null;
    return { profile: mine[mine.length - 1]!.owner, events: mine.map(({ owner: _, ...e }) => e) };
  });
}
