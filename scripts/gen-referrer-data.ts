// Regenerates worker/core/channels/data/*.ts (compact referrer and source-category tables) from test/fixtures (copies of the CC0 and MIT lists).
// Run: npx tsx scripts/gen-referrer-data.ts [dataDir]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";

type Category = "ai" | "social" | "search";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = path.resolve(process.argv[2] ?? path.join(ROOT, "test/fixtures"));
const OUT = path.join(ROOT, "worker/core/channels/data");

// Higher-priority lists claim a host first: chatgpt.com is both an AI assistant and a Matomo "search engine".
const PRIORITY: Category[] = ["ai", "social", "search"];
const FILES: Record<Category, string> = { ai: "AIAssistants.yml", social: "Socials.yml", search: "SearchEngines.yml" };
// Portals and news sites Matomo lists only because they once embedded a Google/Yahoo/Bing search box. Browsers
// now send origin-only referrers, so every article link from them would look like a search: treat as referral.
const NOT_SEARCH = new Set([
  "cnn.com", "fastweb.it", "wow.com", "{}.wow.com", "it.luna.tv", "optuszoo.com.au", "kadaza.com",
  "cgi2.nintendo.co.jp", "jp.hao123.com", "home.kingsoft.jp", "msnbc.msn.com", "dizionario.it.msn.com",
  "enciclopedia.it.msn.com",
]);

/** Short, stable source name: "Yahoo! Japan" → "yahoo japan", "Google%2B" → "google+". */
function slugOf(name: string): string {
  return name
    .replace(/%2B/gi, "+")
    .replace(/\([^)]*\)/g, "")
    .replace(/!/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** "www.x.com" → "x.com"; Matomo's odd "android-app//pkg/..." entry → the app package, as URL parsing yields it. */
function hostOf(entry: string): string {
  const e = entry.trim().toLowerCase();
  const app = /^android-app\/\/([^/]+)/.exec(e);
  if (app?.[1]) return app[1];
  return e.replace(/^www\./, "").replace(/\/+$/, "");
}

/** Hosts per Matomo name for one list, whatever its YAML shape (search engines nest urls under params blocks). */
function hostsByName(category: Category): Map<string, string[]> {
  const doc = load(readFileSync(path.join(DATA, "referrers-matomo", FILES[category]), "utf8")) as Record<string, unknown>;
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(doc)) {
    const items = Array.isArray(value) ? value : [];
    const hosts = items.flatMap((it: unknown) =>
      typeof it === "string" ? [it] : ((it as { urls?: string[] })?.urls ?? []),
    );
    out.set(name, hosts.map(hostOf));
  }
  return out;
}

/** Variants collapse onto their engine ("Google Images" → "google") so attribution does not split one source. */
function rootNames(names: string[]): Map<string, string> {
  const slugs = names.map(slugOf);
  const roots = new Map<string, string>();
  for (const s of slugs) {
    const prefixes = slugs.filter((p) => p !== s && s.startsWith(p + " ")).sort((a, b) => a.length - b.length);
    roots.set(s, prefixes[0] ?? s);
  }
  return roots;
}

function referrerLists(): Record<Category, string> {
  const claimed = new Map<string, string>(); // host → name, across lists
  const result = {} as Record<Category, string>;
  for (const category of PRIORITY) {
    const byName = hostsByName(category);
    const roots = rootNames([...byName.keys()]);
    const grouped = new Map<string, Set<string>>();
    for (const [name, hosts] of byName) {
      const root = roots.get(slugOf(name)) ?? slugOf(name);
      for (const host of hosts) {
        if (!host || claimed.has(host) || (category === "search" && NOT_SEARCH.has(host))) continue;
        claimed.set(host, root);
        grouped.set(root, (grouped.get(root) ?? new Set()).add(host));
      }
    }
    // A path entry is redundant when its bare host already names the same source ("google.com/imgres").
    for (const [root, hosts] of grouped) {
      for (const h of hosts) if (h.includes("/") && claimed.get(h.split("/")[0] ?? "") === root) hosts.delete(h);
    }
    result[category] = [...grouped]
      .filter(([, hosts]) => hosts.size > 0)
      .map(([root, hosts]) => `${root}:${[...hosts].join(",")}`)
      .join(";");
  }
  return result;
}

function ga4Categories(): Record<string, string> {
  const rows = readFileSync(path.join(DATA, "ga4-source-categories", "ga4_source_categories.dbt-ga4.csv"), "utf8")
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.includes(","));
  const out: Record<string, string[]> = {};
  for (const row of rows) {
    const i = row.lastIndexOf(",");
    const source = row.slice(0, i).trim().toLowerCase();
    const category = row.slice(i + 1).trim().replace("SOURCE_CATEGORY_", "").toLowerCase();
    (out[category] ??= []).push(source);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...new Set(v)].join("|")]));
}

function moduleText(header: string, name: string, doc: string, value: Record<string, string>): string {
  const body = Object.entries(value)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`)
    .join("\n");
  return `${header}\n\n/** ${doc} */\nexport const ${name} = {\n${body}\n} as const;\n`;
}

const licence = readFileSync(path.join(DATA, "ga4-source-categories", "LICENSE.dbt-ga4"), "utf8")
  .trim()
  .split("\n")
  .map((l) => `// ${l}`.trimEnd())
  .join("\n");

mkdirSync(OUT, { recursive: true });
writeFileSync(
  path.join(OUT, "referrer-lists.ts"),
  moduleText(
    "// GENERATED by scripts/gen-referrer-data.ts — do not edit.\n" +
      "// Source: matomo-org/searchengine-and-social-list (CC0 1.0, public domain dedication).",
    "REFERRER_LISTS",
    '"name:host,host;…" per category. `www.` is stripped; `{}` is a wildcard; an entry with `/` matches a path prefix.',
    referrerLists(),
  ),
);
writeFileSync(
  path.join(OUT, "ga4-source-categories.ts"),
  moduleText(
    "// GENERATED by scripts/gen-referrer-data.ts — do not edit.\n" +
      "// Source: Velir/dbt-ga4 ga4_source_categories.csv (GA4 source categories published by Google).\n" +
      "// Licence notice of that file follows.\n//\n" +
      licence,
    "GA4_SOURCE_CATEGORIES",
    'GA4 source category → "source|source|…" (lower-cased, matched exactly).',
    ga4Categories(),
  ),
);
console.log(`wrote ${OUT}/referrer-lists.ts and ga4-source-categories.ts`);
