// Runs the collector locally with wrangler: local D1 (migrations applied, demo site seeded), emulated queues.
// Used by `npm start`, the browser tests and the benchmark.
import { spawn, execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { buildAll } from "./build.mjs";

const run = promisify(execFile);
export const root = path.resolve(import.meta.dirname, "..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");

async function wranglerRun(args, persistDir, config) {
  const configArgs = config ? ["--config", config] : [];
  const { stdout } = await run(wrangler, [...args, ...configArgs, "--local", "--persist-to", persistDir], {
    cwd: root,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return String(stdout);
}

/** The local D1 databases: the control database and first shard, then the second shard (wrangler.toml). */
export const DATABASES = ["pista", "pista-2"];

export async function prepareDatabase(persistDir, config) {
  for (const db of DATABASES) await wranglerRun(["d1", "migrations", "apply", db], persistDir, config);
  await wranglerRun(["d1", "execute", "pista", "--file", path.join(root, "scripts/seed-demo.sql")], persistDir, config);
}

/** Runs SQL against the local database (the benchmark seeds large data sets this way). */
export async function executeSql(persistDir, sql, config) {
  await wranglerRun(["d1", "execute", "pista", "--command", sql], persistDir, config);
}

/** Rows of one query against the local database. */
export async function querySql(persistDir, sql, config) {
  const out = JSON.parse(await wranglerRun(["d1", "execute", "pista", "--json", "--command", sql], persistDir, config));
  return out[0].results;
}

export async function waitForHealth(url, { timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`collector at ${url} not healthy after ${timeoutMs} ms`);
}

/**
 * Local runs have no Cloudflare edge in front of them, so `request.cf` (geo, bot score) does not exist. wrangler would
 * fetch a sample from the internet (and print a stack trace when offline); it reads this file instead: a local colo
 * and no geo, which the Worker treats as "unknown". Written fresh at each start (wrangler wants it under 30 days old).
 */
function localCf(persistDir) {
  const file = path.join(persistDir, "local-cf.json");
  mkdirSync(persistDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ colo: "LOCAL", httpProtocol: "HTTP/1.1" }));
  return file;
}

/** Starts `wrangler dev`; resolves once /healthz answers. */
export async function startCollector({ port, persistDir, ip = "127.0.0.1", vars = {}, inherit = false, build = true, config }) {
  if (build) await buildAll();
  await prepareDatabase(persistDir, config);
  const cfPath = localCf(persistDir);
  const args = ["dev", "--port", String(port), "--ip", ip, "--persist-to", persistDir, "--show-interactive-dev-session=false", "--log-level", inherit ? "info" : "warn"];
  if (config) args.push("--config", config);
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(wrangler, args, {
    cwd: root,
    stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_PATH: cfPath },
    detached: !inherit,
  });
  let log = "";
  if (!inherit) {
    child.stdout.on("data", (d) => (log = (log + d).slice(-20_000)));
    child.stderr.on("data", (d) => (log = (log + d).slice(-20_000)));
  }
  const url = `http://${ip === "0.0.0.0" ? "127.0.0.1" : ip}:${port}`;
  try {
    await waitForHealth(url, { child });
  } catch (err) {
    stop();
    throw new Error(`${err.message}\n${log}`);
  }
  function stop() {
    if (child.exitCode !== null) return;
    try {
      process.kill(inherit ? child.pid : -child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
  return { url, child, stop, log: () => log };
}
