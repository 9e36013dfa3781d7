// Sends a rendered page: the doctype, the markup, no caching (pages hold personal data).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../context";

export async function sendPage(c: Context<AppEnv>, node: unknown, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${String(await node)}`, status);
}
