// How to start a real headless Chromium here: Debian's /usr/bin/chromium when present, else @sparticuz/chromium.
import { existsSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type BrowserServer, type LaunchOptions } from "playwright-core";

const QUIET_FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

async function launchOptions(): Promise<LaunchOptions> {
  const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(system)) return { executablePath: system, headless: true, args: ["--no-sandbox", "--disable-gpu", ...QUIET_FLAGS] };
  // @sparticuz/chromium's defaults include --single-process, which crashes when a second context opens, and switch
  // off web security, which (among other things) leaves the Origin header off requests: tests need a browser that
  // behaves like a visitor's.
  const UNLIKE_A_VISITOR = ["--single-process", "--disable-web-security", "--allow-running-insecure-content"];
  const args = chromium.args.filter((a) => !UNLIKE_A_VISITOR.includes(a));
  return { executablePath: await chromium.executablePath(), headless: true, args: [...args, ...QUIET_FLAGS] };
}

export async function launchBrowserServer(): Promise<BrowserServer> {
  return playwright.launchServer(await launchOptions());
}

/** A Chromium of the caller's own (the benchmark). */
export async function launchOwnBrowser(): Promise<Browser> {
  return playwright.launch(await launchOptions());
}
