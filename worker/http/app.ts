// The HTTP surface: routes mounted on one Hono app with one error renderer.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { renderError } from "../errors";
import { checkRate, clientKey } from "../services/ingest/rate-limit";
import { principalOfToken } from "../services/auth";
import { accounts } from "./api/accounts";
import { attribution } from "./api/attribution";
import { costs } from "./api/costs";
import { deadLetters } from "./api/dead-letters";
import { destinations } from "./api/destinations";
import { exportsRoutes } from "./api/exports";
import { profiles } from "./api/profiles";
import { profilesCsvRoutes } from "./api/profiles-csv";
import { reports } from "./api/reports";
import { routing } from "./api/routing";
import { scoring } from "./api/scoring";
import { sites } from "./api/sites";
import { stats } from "./api/stats";
import { webhooks } from "./api/webhooks";
import { collectRoutes } from "./collect";
import type { AppEnv } from "./context";
import { principalOfRequest } from "./credentials";
import { dashboard } from "./dashboard/routes";
import { docs } from "./docs";
import { home } from "./home";
import { segmentRoutes } from "./segment";
import { staticRoutes } from "./static";
import { ApiError } from "../errors";
import { unprefixedPath } from "../core/net/route-prefix";

// Under a first-party route (ROUTE_PREFIX, CONTRACT §14) /_p/p.js and /_p/collect are routed as /p.js and /collect.
const defaultPath = new Hono().getPath;
export const app = new Hono<AppEnv>({ getPath: (req, options) => unprefixedPath(defaultPath(req), options?.env?.ROUTE_PREFIX) });

app.use("*", secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
app.route("/", home);
app.route("/", docs);
app.route("/", staticRoutes);
app.route("/", collectRoutes);
app.route("/", segmentRoutes);

const api = new Hono<AppEnv>();
api.use("*", async (c, next) => {
  await checkRate(c.env, c.env.API_LIMITER, `api:${clientKey(c.req.raw)}`);
  c.set("principal", await principalOfRequest(c.env, c.req.header("authorization"), c.req.path));
  await next();
});
const API_ROUTES: [string, Hono<AppEnv>][] = [
  ["/sites", sites],
  ["/sites", scoring],
  ["/sites", routing],
  ["/sites", destinations],
  ["/exports", exportsRoutes],
  ["/sites", costs],
  ["/profiles", profiles],
  ["/accounts", accounts],
  ["/stats", stats],
  ["/attribution", attribution],
  ["/reports", reports],
  ["/webhooks", webhooks],
  ["/dead-letters", deadLetters],
  ["/", profilesCsvRoutes],
];
for (const [path, routes] of API_ROUTES) api.route(path, routes);
app.route("/api/v1", api);
app.route("/dashboard", dashboard);

app.notFound((c) => renderError(new ApiError(404, `No route for ${c.req.method} ${c.req.path}.`), c));
app.onError(renderError);
