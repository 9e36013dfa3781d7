// The HTTP surface: routes mounted on one Hono app with one error renderer.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { bearerToken, principalOf } from "../services/auth";
import type { AppEnv } from "../env";
import { ApiError, renderError } from "../errors";
import { checkRate, clientKey } from "../services/ingest/rate-limit";
import { attribution } from "./api/attribution";
import { collectRoutes } from "./collect";
import { dashboard } from "./dashboard/routes";
import { profiles } from "./api/profiles";
import { scoring } from "./api/scoring";
import { segmentRoutes } from "./segment";
import { sites } from "./api/sites";
import { staticRoutes } from "./static";
import { stats } from "./api/stats";
import { webhooks } from "./api/webhooks";
import { profilesCsv } from "./api/profiles-csv";

export const app = new Hono<AppEnv>();

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
