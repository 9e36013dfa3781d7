// Part 8: what archiving a consumer batch costs — building the NDJSON objects (the pure core), the R2 put and the index
// rows in D1 — per batch size, against the local R2 and D1 of wrangler.toml's bindings (wrangler's platform proxy, the
// simulator wrangler dev runs). Calls go from Node to workerd over that proxy, so each figure holds a local round trip
// on top of the work.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import type { CollectedEvent } from "../schema/event";
import { archiveIndexOf, archiveObjectsOf } from "../worker/core/archive/layout";
import { encodeArchive } from "../worker/core/archive/ndjson";
import { archiveIndexStatements, writeArchive } from "../worker/store/archive";

export interface ArchiveFigure {
  batchSize: number;
  batches: number;
  /** median milliseconds per batch */
  /** the objects and their NDJSON (CPU only) */
  buildMs: number;
  /** writeArchive: NDJSON again and the R2 put */
  putMs: number;
  indexMs: number;
  /** a D1 `SELECT 1` through the same proxy: the round trip each call above holds */
  roundTripMs: number;
  /** NDJSON bytes per archived event */
  bytesPerEvent: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A page view as the consumer stores it, from a campaign link, with a few props, as the snippet sends them. */
function pageview(site: string, i: number, visitor: string, now: number): { event: CollectedEvent; profile_id: string; session_id: string } {
  const url = `https://example.com/p/${i % 7}?utm_source=newsletter&utm_medium=email&utm_campaign=spring`;
  return {
    event: {
      id: `e-${now}-${i}`, site, type: "pageview", name: null, anonymous_id: visitor, user_id: null, previous_id: null, at: now + i, received_at: now + i,
      url, path: `/p/${i % 7}`, title: "Pricing — Example",
      touch: { channel: "Email", source: "newsletter", medium: "email", campaign: "spring", term: null, content: null, referrer: null, landing_page: url, click_id: null },
      props: { plan: "pro", seats: 12 }, traits: {}, device: { type: "desktop", browser: "Chrome", os: "Linux" }, geo: { country: "ES", region: null, city: "Madrid" },
      cookieless: false, origin: "snippet",
    },
    profile_id: `p_${visitor}`,
    session_id: `t_${visitor}`,
  };
}

export async function benchArchive(options: { batchSizes: number[]; batches: number; visitors: number }): Promise<ArchiveFigure[]> {
  const persist = mkdtempSync(path.join(os.tmpdir(), "pista-bench-archive-"));
  const proxy = await getPlatformProxy<{ ARCHIVE: R2Bucket; DB: D1Database }>({ persist: { path: persist }, remoteBindings: false });
  try {
    const { ARCHIVE: bucket, DB: db } = proxy.env;
    const schema = readFileSync(path.join(import.meta.dirname, "../schema/migrations/0012_archive.sql"), "utf8").replace(/--.*$/gm, "");
    for (const sql of schema.split(";").map((s) => s.trim()).filter(Boolean)) await db.prepare(sql).run();
    const out: ArchiveFigure[] = [];
    let n = 0;
    for (const batchSize of options.batchSizes) {
      const build: number[] = [], put: number[] = [], index: number[] = [], trip: number[] = [];
      let bytes = 0;
      for (let b = 0; b < options.batches; b++) {
        const now = Date.UTC(2026, 11, 1, 12);
        const stored = Array.from({ length: batchSize }, (_, i) => pageview("bench", ++n, `v${(n + i) % options.visitors}`, now));
        let t = performance.now();
        const objects = archiveObjectsOf(stored);
        const texts = objects.map((o) => encodeArchive(o.lines));
        build.push(performance.now() - t);
        bytes += texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
        t = performance.now();
        await writeArchive(bucket, objects);
        put.push(performance.now() - t);
        t = performance.now();
        await db.batch(archiveIndexStatements(db, archiveIndexOf(objects)));
        index.push(performance.now() - t);
        t = performance.now();
        await db.prepare("SELECT 1").first();
        trip.push(performance.now() - t);
      }
      out.push({ batchSize, batches: options.batches, buildMs: median(build), putMs: median(put), indexMs: median(index), roundTripMs: median(trip), bytesPerEvent: bytes / (batchSize * options.batches) });
    }
    return out;
  } finally {
    await proxy.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}
