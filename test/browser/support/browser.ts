// A real headless Chromium for the browser tests: Debian's /usr/bin/chromium when present, else @sparticuz/chromium.
import { existsSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

const QUIET_FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export async function launchBrowser(): Promise<Browser> {
  const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(system)) {
    return playwright.launch({ executablePath: system, headless: true, args: ["--no-sandbox", "--disable-gpu", ...QUIET_FLAGS] });
  }
  return playwright.launch({ executablePath: await chromium.executablePath(), headless: true, args: [...chromium.args, ...QUIET_FLAGS] });
}
