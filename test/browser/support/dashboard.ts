// Signing in to the dashboard from a fresh browser context, as every dashboard test starts.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { ADMIN_TOKEN } from "./collector";

export interface SignedIn {
  page: Page;
  context: BrowserContext;
  /** Content Security Policy violations the context's pages reported (a page that needs `unsafe-inline` shows here) */
  violations: string[];
}

/**
 * A fresh context signed in with `token` (the admin token unless given), landed on the dashboard. Contexts are left
 * open: closing the shared Chromium's pages belongs to afterAll.
 */
export async function signIn(browser: Browser, collectorUrl: string, options: { token?: string } & BrowserContextOptions = {}): Promise<SignedIn> {
  const { token = ADMIN_TOKEN, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && violations.push(m.text()));
  await page.goto(`${collectorUrl}/dashboard/sign-in`);
  await page.fill("#token", token);
  await Promise.all([page.waitForURL(/\/dashboard(\?.*)?$/), page.click("button[type=submit]")]);
  return { page, context, violations };
}
