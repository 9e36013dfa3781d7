// The HTTP surface: routes mounted on one Hono app with one error renderer.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { bearerToken, principalOf } from "./auth";
import type { AppEnv } from "./env";
import { ApiError, renderError } from "./errors";
import { checkRate, clientKey } from "./ingest/rate-limit";
import { attribution } from "./routes/attribution";
import { collectRoutes } from "./routes/collect";
import { dashboard } from "./routes/dashboard";
import { profiles } from "./routes/profiles";
import { scoring } from "./routes/scoring";
import { segmentRoutes } from "./routes/segment";
import { sites } from "./routes/sites";
import { staticRoutes } from "./routes/static";
import { stats } from "./routes/stats";
import { webhooks } from "./routes/webhooks";
import { profilesCsv } from "./webhooks/csv-export";
import { unprefixedPath } from "./core/route-prefix";

// Under a first-party route (ROUTE_PREFIX, CONTRACT §14) /_p/p.js and /_p/collect are routed as /p.js and /collect.
const defaultPath = new Hono().getPath;
export const app = new Hono<AppEnv>({ getPath: (req, options) => unprefixedPath(defaultPath(req), options?.env?.ROUTE_PREFIX) });

app.use("*", secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
app.route("/", staticRoutes);
app.route("/", collectRoutes);
app.route("/", segmentRoutes);

const api = new Hono<AppEnv>();
api.use("*", async (c, next) => {
  await checkRate(c.env, c.env.API_LIMITER, `api:${clientKey(c.req.raw)}`);
  c.set("principal", await principalOf(c, bearerToken(c)));
  await next();
});
api.route("/sites", sites);
api.route("/sites", scoring);
api.route("/profiles", profiles);
api.route("/stats", stats);
api.route("/attribution", attribution);
api.route("/webhooks", webhooks);
api.route("/", profilesCsv);
app.route("/api/v1", api);
app.route("/dashboard", dashboard);

app.notFound((c) => renderError(new ApiError(404, `No route for ${c.req.method} ${c.req.path}.`), c));
app.onError(renderError);
