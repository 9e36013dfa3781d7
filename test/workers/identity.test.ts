// Identity resolution through the real consumer and D1: merges, conflicts, junk ids, idempotency.
import { describe, expect, it } from "vitest";
import { planEvents } from "../../worker/jobs/events";
import { commit } from "../../worker/store/commit";
import { api, collectedEvent, createSite, dbOf, deliver, profileOf, uid } from "./support";

const HOUR = 3_600_000;

async function send(...events: ReturnType<typeof collectedEvent>[]) {
  const result = await deliver([{ v: 1, events }]);
  expect(result.explicitAcks.length).toBe(1);
}

async function count(site: string, sql: string, ...args: unknown[]) {
  return (await (await dbOf(site)).prepare(sql).bind(...args).first<{ n: number }>())!.n;
}

describe("identity resolution", () => {
  it("identifies an anonymous visitor in place when a form is submitted", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const t = Date.now() - HOUR;
    await send(collectedEvent({ site, anonymous_id: a, at: t }), collectedEvent({ site, anonymous_id: a, at: t + 1000, url: "https://example.com/pricing" }));
    const before = await profileOf(site, a);
    await send(collectedEvent({ site, anonymous_id: a, at: t + 5000, type: "form", name: "demo-request", traits: { email: "Ada@Example.com", name: "Ada Lovelace" } }));
    const after = await profileOf(site, a);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ email: "ada@example.com", stage: "lead", traits: { name: "Ada Lovelace" }, counts: { pageviews: 2, forms: 1, events: 3 } });
  });

  it("merges a second device into the identified profile when it identifies, verified, with the same e-mail", async () => {
    const { id: site } = await createSite();
    const [a1, a2] = [uid("anon"), uid("anon")];
    const t = Date.now() - 5 * HOUR;
    await send(
      collectedEvent({ site, anonymous_id: a1, at: t + HOUR, touch: { channel: "Organic Search", source: "google", medium: "organic", campaign: null, term: null, content: null, referrer: "https://www.google.com/", landing_page: "https://example.com/", click_id: null } }),
      collectedEvent({ site, anonymous_id: a1, at: t + HOUR + 1000, type: "identify", traits: { email: "grace@navy.mil" } }),
    );
    const known = await profileOf(site, a1);
    // The second device browsed earlier (its first touch is the earliest) and identifies later.
    await send(collectedEvent({ site, anonymous_id: a2, at: t, url: "https://example.com/blog" }));
    const phone = await profileOf(site, a2);
    expect(phone.id).not.toBe(known.id);
    await send(collectedEvent({ site, anonymous_id: a2, at: t + 2 * HOUR, type: "identify", traits: { email: "GRACE@navy.mil" }, trust: "verified" }));

    const merged = await profileOf(site, a2);
    expect(merged.id).toBe(known.id);
    expect(merged.anonymous_ids.sort()).toEqual([a1, a2].sort());
    expect(merged.counts).toMatchObject({ pageviews: 2, events: 4, sessions: 3 });
    expect(merged.first_touch.landing_page).toBe("https://example.com/blog");
    const resolved = await api(`/api/v1/profiles/${phone.id}`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.id).toBe(known.id);
    expect(await count(site, "SELECT COUNT(*) AS n FROM events WHERE profile_id = ?1", known.id)).toBe(4);
    expect(await count(site, "SELECT COUNT(*) AS n FROM events WHERE profile_id = ?1", phone.id)).toBe(0);
    expect(await count(site, "SELECT COUNT(*) AS n FROM profiles WHERE id = ?1", phone.id)).toBe(0);
    expect(await count(site, "SELECT COUNT(*) AS n FROM merges WHERE from_id = ?1 AND into_id = ?2", phone.id, known.id)).toBe(1);
  });

  it("never merges two profiles with different e-mails, even on one device", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const t = Date.now() - HOUR;
    await send(collectedEvent({ site, anonymous_id: a, at: t, type: "identify", traits: { email: "ann@acme.io" } }));
    const ann = await profileOf(site, a);
    await send(collectedEvent({ site, anonymous_id: a, at: t + 1000, type: "identify", traits: { email: "bob@acme.io" } }));
    const list = await api(`/api/v1/profiles?site=${site}`);
    const emails = list.body.data.map((p: { email: string }) => p.email).sort();
    expect(emails).toEqual(["ann@acme.io", "bob@acme.io"]);
    const annNow = await api(`/api/v1/profiles/${ann.id}`);
    expect(annNow.body.email).toBe("ann@acme.io");
    expect(await count(site, "SELECT COUNT(*) AS n FROM merges WHERE site = ?1", site)).toBe(0);
  });

  it("keeps two users with different user ids apart when they share an e-mail claim", async () => {
    const { id: site } = await createSite();
    const t = Date.now() - HOUR;
    await send(collectedEvent({ site, anonymous_id: uid(), user_id: "u-1", at: t, type: "identify", traits: { email: "team@acme.io" } }));
    await send(collectedEvent({ site, anonymous_id: uid(), user_id: "u-2", at: t + 1, type: "identify", traits: { email: "team@acme.io" } }));
    const u1 = (await api(`/api/v1/profiles?site=${site}&user_id=u-1`)).body.data[0];
    const u2 = (await api(`/api/v1/profiles?site=${site}&user_id=u-2`)).body.data[0];
    expect(u1.id).not.toBe(u2.id);
    expect(u1.email).toBe("team@acme.io");
    expect(u2.email).toBeNull();
    expect(await count(site, "SELECT COUNT(*) AS n FROM identity_rejections WHERE profile_id = ?1 AND reason = 'belongs_to_another_profile'", u2.id)).toBe(1);
  });

  it.each(["null", "undefined", "anonymous", "0", " ", "[object Object]"])("refuses the junk user id %j with a recorded reason", async (junk) => {
    const { id: site } = await createSite();
    const [a1, a2] = [uid("anon"), uid("anon")];
    await send(collectedEvent({ site, anonymous_id: a1, user_id: junk, type: "identify" }));
    await send(collectedEvent({ site, anonymous_id: a2, user_id: junk, type: "identify" }));
    const p1 = await profileOf(site, a1);
    const p2 = await profileOf(site, a2);
    expect(p1.id).not.toBe(p2.id);
    expect(p1.user_id).toBeNull();
    expect(p1.stage).toBe("visitor");
    expect(await count(site, "SELECT COUNT(*) AS n FROM identity_rejections WHERE profile_id = ?1 AND kind = 'user' AND reason = 'junk_value'", p1.id)).toBe(1);
  });

  it("ends two devices that identify the same e-mail in one batch in one profile when the second is verified", async () => {
    const { id: site } = await createSite();
    const [a1, a2] = [uid("anon"), uid("anon")];
    const t = Date.now() - HOUR;
    await send(
      collectedEvent({ site, anonymous_id: a1, at: t }),
      collectedEvent({ site, anonymous_id: a2, at: t + 1 }),
      collectedEvent({ site, anonymous_id: a1, at: t + 2, type: "identify", traits: { email: "lin@example.org" } }),
      collectedEvent({ site, anonymous_id: a2, at: t + 3, type: "identify", traits: { email: "lin@example.org" }, trust: "verified" }),
    );
    const p1 = await profileOf(site, a1);
    const p2 = await profileOf(site, a2);
    expect(p1.id).toBe(p2.id);
    expect(await count(site, "SELECT COUNT(*) AS n FROM profiles WHERE site = ?1", site)).toBe(1);
    expect(p1.counts.events).toBe(4);
  });

  it("links an earlier anonymous id to the user on alias", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const t = Date.now() - HOUR;
    await send(collectedEvent({ site, anonymous_id: uid(), user_id: "u-42", at: t, type: "identify", traits: { email: "kim@corp.io" } }));
    await send(collectedEvent({ site, anonymous_id: a, at: t + 1 }));
    const anon = await profileOf(site, a);
    await send(collectedEvent({ site, anonymous_id: null, user_id: "u-42", previous_id: a, at: t + 2, type: "alias", url: null, touch: null, origin: "segment" }));
    const user = (await api(`/api/v1/profiles?site=${site}&user_id=u-42`)).body.data[0];
    expect((await profileOf(site, a)).id).toBe(user.id);
    expect((await api(`/api/v1/profiles/${anon.id}`)).body.id).toBe(user.id);
  });
});

describe("the updated_since feed", () => {
  it("pages with a keyset cursor without skipping or repeating while profiles keep changing", async () => {
    const { id: site } = await createSite();
    const since = new Date(Date.now() - 1000).toISOString();
    const anons = Array.from({ length: 9 }, () => uid("anon"));
    for (const a of anons) await send(collectedEvent({ site, anonymous_id: a }));
    const seen: { id: string; updated_at: string }[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const q: string = `/api/v1/profiles?site=${site}&updated_since=${since}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await api(q);
      expect(res.status).toBe(200);
      seen.push(...res.body.data);
      cursor = res.body.next_cursor;
      // Between pages, a profile not yet read and one already read both change.
      if (page === 1) {
        await send(collectedEvent({ site, anonymous_id: anons[8]! }));
        await send(collectedEvent({ site, anonymous_id: anons[0]! }));
      }
      page++;
    } while (cursor && page < 20);
    const ids = seen.map((p) => p.id);
    const profiles = await Promise.all(anons.map((a) => profileOf(site, a)));
    // Every profile appears; a profile changed after it was read appears again with its newer version, never twice as the same version.
    for (const p of profiles) expect(ids).toContain(p.id);
    const versions = seen.map((p) => `${p.id}@${p.updated_at}`);
    expect(new Set(versions).size).toBe(versions.length);
    expect(ids.filter((id) => id === profiles[8]!.id)).toHaveLength(1);
    expect(ids.filter((id) => id === profiles[0]!.id)).toHaveLength(2);
    expect(ids.length).toBe(10);
  });

  it("returns 400 for a tampered cursor and for a limit over 500", async () => {
    const { id: site } = await createSite();
    expect((await api(`/api/v1/profiles?site=${site}&cursor=bm9wZQ`)).status).toBe(400);
    const res = await api(`/api/v1/profiles?site=${site}&limit=501`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("limit");
  });
});

describe("export and erasure", () => {
  it("exports everything stored about a person, and erases it leaving no row behind", async () => {
    const { id: site } = await createSite();
    const [a1, a2] = [uid("anon"), uid("anon")];
    const t = Date.now() - HOUR;
    await send(collectedEvent({ site, anonymous_id: a1, at: t }), collectedEvent({ site, anonymous_id: a1, at: t + 1, type: "identify", traits: { email: "eve@corp.io" } }));
    await send(collectedEvent({ site, anonymous_id: a2, at: t + 2 }), collectedEvent({ site, anonymous_id: a2, at: t + 3, type: "form", traits: { email: "eve@corp.io", phone: "+1 415 555 0123" }, trust: "verified" }));
    const p = await profileOf(site, a1);
    const exported = await api(`/api/v1/profiles/${p.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.profile.email).toBe("eve@corp.io");
    expect(exported.body.events).toHaveLength(4);
    expect(exported.body.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(["anonymous", "anonymous", "email", "phone"]);
    expect(exported.body.touches.length).toBeGreaterThan(0);
    expect(exported.body.merges).toHaveLength(1);

    expect((await api(`/api/v1/profiles/${p.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/profiles/${p.id}`)).status).toBe(404);
    const ids = [p.id, exported.body.merges[0].from_id];
    for (const table of ["events", "touches", "conversions", "identities", "identity_rejections"]) {
      expect(await count(site, `SELECT COUNT(*) AS n FROM ${table} WHERE profile_id IN (?1, ?2)`, ...ids), table).toBe(0);
    }
    expect(await count(site, "SELECT COUNT(*) AS n FROM profiles WHERE site = ?1", site)).toBe(0);
    expect(await count(site, "SELECT COUNT(*) AS n FROM merges WHERE site = ?1", site)).toBe(0);
    expect(await count(site, "SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND data LIKE '%eve@corp.io%'", site)).toBe(0);

    // The same anonymous id coming back is a new, anonymous visitor.
    await send(collectedEvent({ site, anonymous_id: a1 }));
    const back = await profileOf(site, a1);
    expect(back.id).not.toBe(p.id);
    expect(back.email).toBeNull();
    expect(back.stage).toBe("visitor");
  });

  it("never brings an erased person back from a batch that was planned before the erasure and commits after it", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const t = Date.now() - HOUR;
    await send(collectedEvent({ site, anonymous_id: a, at: t }));
    const p = await profileOf(site, a);
    const stale = await planEvents(await dbOf(site), [collectedEvent({ site, anonymous_id: a, at: t + 1000, type: "form", name: "demo-request", traits: { email: "late@corp.io" } })], { now: Date.now() });
    expect(stale!.profiles.map((x) => x.id)).toEqual([p.id]);

    expect((await api(`/api/v1/profiles/${p.id}`, { method: "DELETE" })).status).toBe(204);
    const outboxRows = "SELECT COUNT(*) AS n FROM webhook_outbox WHERE profile_id = ?1";
    const notified = await count(site, outboxRows, p.id);
    await commit(await dbOf(site), stale!, Date.now());

    expect((await api(`/api/v1/profiles/${p.id}`)).status).toBe(404);
    for (const table of ["profiles", "events", "touches", "conversions", "identities"]) {
      const column = table === "profiles" ? "id" : "profile_id";
      expect(await count(site, `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?1`, p.id), table).toBe(0);
    }
    expect(stale!.transitions.length).toBeGreaterThan(0);
    expect(await count(site, outboxRows, p.id)).toBe(notified);
  });
});
