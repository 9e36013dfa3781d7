// /dashboard/accounts: the accounts list (filters, paging both ways) and one account's page with its committee; an
// admin sets the account's owner.
import { Hono } from "hono";
import { AccountQuery } from "../../../../schema/accounts";
import { listAccounts, readAccount, updateAccount } from "../../../services/accounts";
import { routingOfSite } from "../../../services/routing/config";
import { thresholdOf } from "../../../store/accounts";
import type { AppEnv } from "../../context";
import { ctxOf } from "../../context";
import { lenient } from "../lenient";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf } from "../page-context";
import { AccountPage } from "../pages/account";
import { AccountsPage } from "../pages/accounts";
import { sendPage } from "../render";

export const accountPages = new Hono<AppEnv>();

const PAGE = 25;

accountPages.get("/accounts", async (c) => {
  const ctx = await pageContextOf(c);
  const asked = lenient(AccountQuery, { ...c.req.query(), site: ctx.site.id }) ?? { site: ctx.site.id };
  const { q, min_score, stage, cursor, before } = asked;
  const page = await listAccounts(ctx.app, { site: ctx.site.id, q, min_score, stage, cursor, before, limit: PAGE });
  const filters = { q, min_score: min_score?.toString(), stage };
  return sendPage(c, AccountsPage({ ctx, filters, rows: page.data, next: page.next_cursor, prev: page.prev_cursor, minScore: thresholdOf(ctx.site.settings).min_score }));
});

accountPages.get("/accounts/:id", async (c) => {
  const a = await readAccount(ctxOf(c), c.req.param("id"));
  const ctx = await pageContextOf(c, a.site);
  const routing = await routingOfSite(ctx.app, a.site);
  return sendPage(c, AccountPage({ ctx, a, routing: routing.config, notice: noticeOf(c.req.query()) }));
});

accountPages.post("/accounts/:id/owner", async (c) => {
  const ctx = await pageContextOf(c);
  const owner = (await c.req.parseBody()).owner;
  const a = await updateAccount(ctx.app, c.req.param("id"), { owner: typeof owner === "string" && owner !== "" ? owner : null });
  return c.redirect(hrefOf(`/dashboard/accounts/${encodeURIComponent(a.id)}`, { ...ctx.keep, site: a.site, notice: "account_owner" }), 303);
});
