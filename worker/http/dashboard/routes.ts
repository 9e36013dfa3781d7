// /dashboard: the marketers' pages, server-rendered under a strict CSP, signed in by an httpOnly cookie.
import { Hono } from "hono";
import { trimTrailingSlash } from "hono/trailing-slash";
import { cspOf, newNonce } from "./csp";
import { accountPages } from "./handlers/accounts";
import { attributionPages } from "./handlers/attribution";
import { destinationPages } from "./handlers/destinations";
import { channelPages } from "./handlers/channels";
import { renderDashboardError } from "./handlers/errors";
import { leads } from "./handlers/leads";
import { leadsCsv } from "./handlers/leads-csv";
import { overview } from "./handlers/overview";
import { profilePages } from "./handlers/profile";
import { routingPages } from "./handlers/routing";
import { settings } from "./handlers/settings";
import { signIn } from "./handlers/sign-in";
import { webhookSettings } from "./handlers/webhooks";
import type { AppEnv } from "../context";
import { requireViewer, sameOriginPosts } from "./viewer";
import { ApiError } from "../../errors";

export const dashboard = new Hono<AppEnv>();

// "/dashboard/" and friends redirect to the page without the slash (only when nothing answered there).
dashboard.use("*", trimTrailingSlash());
dashboard.use("*", async (c, next) => {
  c.set("nonce", newNonce());
  await next();
  c.header("Content-Security-Policy", cspOf(c.get("nonce")));
});
dashboard.use("*", sameOriginPosts);
dashboard.route("/", signIn);
dashboard.use("*", requireViewer);
for (const pages of [overview, attributionPages, channelPages, leads, leadsCsv, accountPages, profilePages, settings, webhookSettings, routingPages, destinationPages]) dashboard.route("/", pages);
dashboard.all("*", (c) => {
  throw new ApiError(404, `There is no dashboard page at ${c.req.path}.`);
});
dashboard.onError(renderDashboardError);
