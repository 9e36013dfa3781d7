// Demo data for the `demo` site, sent THROUGH the real pipeline: POST /collect batches exactly as the snippet sends
// them (past event times, send time now), so normalisation, identity, scoring and attribution all run for real.
// Usage: node scripts/seed-demo-data.mjs [--url http://localhost:8787] [--visitors 300] [--days 42]
// Deterministic for a given seed: event ids repeat, so seeding twice stores every event once.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const DAY = 86_400_000;
const MIN = 60_000;

/** A small seeded PRNG (mulberry32): the same seed gives the same visitors. */
function rngOf(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const weighted = (pairs) => {
    let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  return { next, int, pick, weighted, chance: (p) => next() < p, id: () => Math.floor(next() * 2 ** 52).toString(36) };
}

// Real browsers' user agents (a headless or bot UA would be dropped at ingest, as it should be).
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
];

/** Where sessions come from: [channel-ish name, weight, landing referrer and campaign tags]. */
const SOURCES = {
  organic: (r) => ({ r: r.pick(["https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://www.ecosia.org/"]) }),
  paid_search: (r) => ({ q: { utm_source: "google", utm_medium: "cpc", utm_campaign: r.pick(["brand-search", "competitor-keywords", "lead-scoring-generic"]), utm_term: r.pick(["lead scoring", "b2b attribution", "acme alternative"]), gclid: `Cj0K${r.id()}` } }),
  paid_social: (r) =>
    r.chance(0.5)
      ? { q: { utm_source: "linkedin", utm_medium: "paid_social", utm_campaign: "abm-q4", li_fat_id: r.id() } }
      : { q: { utm_source: "facebook", utm_medium: "paid_social", utm_campaign: "retargeting-pricing", fbclid: `IwAR${r.id()}` } },
  email: (r) => ({ q: { utm_source: "newsletter", utm_medium: "email", utm_campaign: r.pick(["november-newsletter", "product-launch", "webinar-invite"]) } }),
  social: (r) => ({ r: r.pick(["https://www.linkedin.com/", "https://t.co/", "https://www.reddit.com/", "https://news.ycombinator.com/"]) }),
  ai: (r) => ({ r: r.pick(["https://chatgpt.com/", "https://chatgpt.com/", "https://www.perplexity.ai/", "https://claude.ai/", "https://gemini.google.com/"]) }),
  referral: (r) => ({ r: r.pick(["https://www.g2.com/categories/lead-scoring", "https://www.capterra.com/", "https://martech.example.org/best-tools"]) }),
  direct: () => ({}),
};
const FIRST_SOURCE = [["organic", 30], ["paid_search", 13], ["paid_social", 9], ["email", 8], ["social", 9], ["ai", 8], ["referral", 7], ["direct", 16]];
const RETURN_SOURCE = [["direct", 40], ["email", 20], ["organic", 20], ["paid_social", 10], ["ai", 5], ["social", 5]];

const PERSONAS = [["browser", 44], ["researcher", 30], ["buyer", 19], ["newsletter", 4], ["candidate", 3]];
const PAGES = { browser: ["", "", "case-studies", "compare/acme-vs-pista"], researcher: ["pricing", "compare/acme-vs-pista", "case-studies", "", "pricing"], buyer: ["pricing", "compare/acme-vs-pista", "case-studies", "pricing"], newsletter: ["", "case-studies"], candidate: ["", "careers", "careers"] };
const TITLES = { "": "Home", pricing: "Pricing", "compare/acme-vs-pista": "Acme vs Northwind", "case-studies": "Customers", careers: "Careers", contact: "Request a demo", thanks: "Thank you" };

const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kara", "Liam", "Maya", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"];
const LAST = ["Almeida", "Brooks", "Chen", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Schmidt", "Tanaka", "Weber"];
const COMPANIES = [["Contoso", "contoso.com"], ["Fabrikam", "fabrikam.io"], ["Tailspin Toys", "tailspintoys.com"], ["Litware", "litware.co"], ["Wide World Importers", "wideworldimporters.com"], ["Proseware", "proseware.net"], ["Adatum", "adatum.com"], ["Woodgrove", "woodgrovebank.com"], ["Lucerne Publishing", "lucernepublishing.com"], ["Trey Research", "treyresearch.net"]];
const TITLES_JOB = [["VP Marketing", 3], ["Head of Growth", 3], ["Marketing Manager", 4], ["CEO", 2], ["Co-founder", 2], ["Demand Generation Lead", 3], ["Marketing Director", 3], ["Growth Analyst", 2], ["Student", 1]];
const BUDGETS = ["Under $1k/month", "$1k–$5k/month", "Over $5k/month"];
const TIMELINES = [["This quarter", 4], ["Next 6 months", 3], ["Just researching", 3]];
const NEEDS = ["Score inbound leads before sales calls them", "Attribute pipeline to campaigns", "Replace our spreadsheet lead routing", "Push hot leads to our CRM within minutes", ""];

/** The person behind a form: a real-looking lead, or one of the pseudo-leads scoring must flag. */
function personOf(r, junk) {
  const [first, last] = [r.pick(FIRST), r.pick(LAST)];
  const [company, domain] = r.pick(COMPANIES);
  const local = `${first}.${last}`.normalize("NFD").replace(/[^A-Za-z.]/g, "").toLowerCase();
  const email = {
    disposable: `${local}@mailinator.com`,
    typo: `${local}@gmial.com`,
    free: `${local}${r.int(1, 99)}@gmail.com`,
  }[junk] ?? `${local}@${domain}`;
  return {
    name: `${first} ${last}`, email, company, job_title: r.weighted(TITLES_JOB), phone: `+1 415 555 ${String(r.int(100, 9999)).padStart(4, "0")}`,
    budget: r.pick(BUDGETS), timeline: r.weighted(TIMELINES), need: r.pick(NEEDS),
  };
}

/** One visitor's whole history: sessions of page views, reading, downloads and, for some, a demo request. */
function visitorEvents(r, v, { base, now, days }) {
  const persona = r.weighted(PERSONAS);
  const sessions = { browser: r.int(1, 2), researcher: r.int(1, 3), buyer: r.int(2, 5), newsletter: r.int(1, 3), candidate: 1 }[persona];
  let at = now - Math.floor(days * DAY * r.next() ** 0.85) - r.int(0, 12) * 60 * MIN;
  const events = [];
  let n = 0;
  const add = (k, path, extra = {}) => events.push({ k, id: `seed-${v}-${n++}`, t: at, u: `${base}/demo${path ? `/${path}` : ""}`, ...extra });
  const junk = persona === "buyer" && r.chance(0.2) ? r.pick(["disposable", "typo", "honeypot", "fast"]) : persona === "buyer" && r.chance(0.15) ? "free" : null;
  for (let s = 0; s < sessions && at < now - MIN; s++) {
    const source = SOURCES[r.weighted(s === 0 ? FIRST_SOURCE : RETURN_SOURCE)](r);
    const last = s === sessions - 1;
    const paths = [s === 0 ? r.pick(["", "", "pricing", "compare/acme-vs-pista"]) : r.pick(PAGES[persona]), ...Array.from({ length: r.int(0, 3) }, () => r.pick(PAGES[persona]))];
    paths.forEach((path, i) => {
      const landing = i === 0 ? { ...(source.r ? { r: source.r } : {}) } : {};
      const q = source.q ? { q: source.q } : {};
      const url = i === 0 && source.q ? `?${new URLSearchParams(source.q)}` : "";
      events.push({ k: "pageview", id: `seed-${v}-${n++}`, t: at, u: `${base}/demo${path ? `/${path}` : ""}${url}`, ti: TITLES[path], ...landing, ...q });
      at += r.int(20, 150) * 1000;
      if (r.chance(persona === "browser" ? 0.2 : 0.55)) add("engage", path, { p: { engaged_ms: r.int(8, 140) * 1000, scroll: r.int(20, 100) }, ...q });
      at += r.int(5, 40) * 1000;
    });
    if (persona === "researcher" && r.chance(0.35)) add("download", "", { n: `${base}/demo/files/northwind-whitepaper.pdf`, ...(source.q ? { q: source.q } : {}) });
    if (persona === "buyer" && r.chance(0.15)) add("mailto", "", { n: "mailto:sales@northwind.example" });
    if (persona === "newsletter" && s === 0) {
      add("track", "", { n: "newsletter_signup" });
      add("identify", "", { tr: { email: personOf(r, r.chance(0.5) ? "free" : null).email, newsletter: true } });
    }
    if (persona === "buyer" && last) {
      add("pageview", "contact", { ti: TITLES.contact });
      at += r.int(30, 180) * 1000;
      const { name, email, company, job_title, phone, budget, timeline, need } = personOf(r, junk);
      const p = { form_ms: junk === "fast" ? r.int(200, 900) : r.int(25, 160) * 1000, ...(junk === "honeypot" ? { honeypot: true } : {}) };
      const tr = { name, email, company, job_title, budget, timeline, ...(r.chance(0.6) ? { phone } : {}), ...(need ? { need } : {}) };
      add("form", "contact", { n: "demo-request", p, tr });
      at += 2000;
      add("pageview", "thanks", { ti: TITLES.thanks });
      if (!junk && r.chance(0.3)) add("track", "thanks", { n: "trial_started", p: { plan: r.pick(["starter", "growth"]), value: r.pick([49, 199]) } });
    }
    at += (persona === "buyer" ? r.int(4, 72) : r.int(20, 240)) * 60 * MIN;
  }
  return events.filter((e) => e.t < now - 1000);
}

/**
 * The batches to POST: one or more per visitor (at most 50 events each), in time order.
 * `base` is the origin page URLs are written with (the collector's own, so the demo pages exist).
 */
export function demoBatches({ base = "http://localhost:8787", now = Date.now(), visitors = 300, days = 42, seed = 1, site = "demo" } = {}) {
  const r = rngOf(seed);
  const batches = [];
  for (let v = 0; v < visitors; v++) {
    const ua = r.pick(USER_AGENTS);
    const a = `seed${seed}-${v}-${r.id()}`;
    const events = visitorEvents(r, `${seed}-${v}`, { base, now, days });
    for (let i = 0; i < events.length; i += 50) batches.push({ ua, body: { s: site, a, st: now, e: events.slice(i, i + 50) } });
  }
  return batches;
}

async function post(url, batch) {
  for (;;) {
    const res = await fetch(`${url}/collect`, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", origin: "http://localhost", "user-agent": batch.ua },
      body: JSON.stringify(batch.body),
    });
    const text = await res.text();
    // The collector rate-limits per client; waiting as told is what a well-behaved sender does.
    if (res.status === 429) {
      await new Promise((done) => setTimeout(done, Number(res.headers.get("retry-after") ?? "5") * 1000));
      continue;
    }
    if (res.status !== 202) throw new Error(`POST /collect answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text).accepted ?? 0;
  }
}

/** Sends the demo data set to a running collector; resolves with what was sent and accepted. */
export async function seedDemoData({ url = "http://localhost:8787", concurrency = 4, ...options } = {}) {
  const batches = demoBatches({ base: url, ...options });
  let accepted = 0;
  let next = 0;
  // Each visitor's batches stay in order; different visitors go in parallel.
  const byVisitor = new Map();
  for (const b of batches) byVisitor.set(b.body.a, [...(byVisitor.get(b.body.a) ?? []), b]);
  const queues = [...byVisitor.values()];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < queues.length) {
        for (const b of queues[next++]) {
          const n = await post(url, b);
          accepted += n;
        }
      }
    }),
  );
  return { visitors: byVisitor.size, batches: batches.length, events: batches.reduce((n, b) => n + b.body.e.length, 0), accepted };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { url: { type: "string" }, visitors: { type: "string" }, days: { type: "string" }, seed: { type: "string" } } });
  const result = await seedDemoData({
    url: values.url ?? "http://localhost:8787",
    ...(values.visitors ? { visitors: Number(values.visitors) } : {}),
    ...(values.days ? { days: Number(values.days) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  console.log(`Sent ${result.events} events of ${result.visitors} visitors in ${result.batches} batches; ${result.accepted} accepted.`);
}
