// Part 4: the snippet's size (gzip -9) and main-thread start-up time in real Chromium, side by side with the
// published Plausible tracker (@plausible-analytics/tracker from npm) in the same browser run.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchOwnBrowser as launchBrowser } from "../test/browser/support/chromium";
import { percentile } from "./load";

const root = path.resolve(import.meta.dirname, "..");

export interface SnippetFigure {
  name: string;
  bytes: number;
  gzipBytes: number;
  startupMedianMs: number;
  startupP90Ms: number;
}

/** Plausible's npm build is an ES module; as a classic script it runs the same code, then init() as a site would. */
function plausibleClassic(): string {
  const src = readFileSync(path.join(root, "node_modules/@plausible-analytics/tracker/plausible.js"), "utf8");
  return src.replace(/export\s*\{[^}]*\}\s*;?\s*$/, "") + `\ninit({ domain: "bench.example", endpoint: "/api/event" });`;
}

export async function benchSnippet(options: { runs: number }): Promise<SnippetFigure[]> {
  const candidates = [
    { name: "Pista p.js", code: readFileSync(path.join(root, "dist/p.js"), "utf8"), shipped: readFileSync(path.join(root, "dist/p.js")) },
    { name: "Plausible @plausible-analytics/tracker 0.4.6", code: plausibleClassic(), shipped: readFileSync(path.join(root, "node_modules/@plausible-analytics/tracker/plausible.js")) },
  ];
  // Beacons go to this server and are answered 202, so neither tracker meets a network error.
  const server = http.createServer((req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html><head><title>bench</title></head><body><p>bench</p></body></html>");
    } else res.writeHead(202, { "access-control-allow-origin": "*" }).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchBrowser();
  const out: SnippetFigure[] = [];
  try {
    const times = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
    // One tab, a fresh document per run (the serverless Chromium build runs single-process: closing tabs is fragile).
    const page = await browser.newPage();
    // Interleave the candidates so that drift in the machine's load affects both alike.
    for (let i = 0; i < options.runs; i++) {
      for (const c of candidates) {
        await page.goto(`${url}?run=${i}`);
        const ms = await page.evaluate((code) => {
          const s = document.createElement("script");
          s.setAttribute("data-site", "bench");
          s.setAttribute("data-endpoint", location.origin + "/collect");
          s.textContent = code;
          const t0 = performance.now();
          document.head.appendChild(s); // an inline script runs synchronously here
          return performance.now() - t0;
        }, c.code);
        times.get(c.name)!.push(ms);
      }
    }
    for (const c of candidates) {
      const t = times.get(c.name)!.sort((a, b) => a - b);
      out.push({ name: c.name, bytes: c.shipped.length, gzipBytes: gzipSync(c.shipped, { level: 9 }).length, startupMedianMs: percentile(t, 50), startupP90Ms: percentile(t, 90) });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
