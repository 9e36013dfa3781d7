// /api/v1/accounts (CONTRACT §13): the list hottest first, one account with its people, PATCH of its owner or name.
import { Hono } from "hono";
import { AccountQuery, PatchAccount } from "../../../schema/accounts";
import { listAccounts, readAccount, updateAccount } from "../../services/accounts";
import { jsonBody, validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const accounts = new Hono<AppEnv>();

accounts.get("/", async (c) => {
  const { data, next_cursor, prev_cursor } = await listAccounts(ctxOf(c), validated(AccountQuery, c.req.query(), "query"));
  return c.json({ data, next_cursor, prev_cursor });
});

accounts.get("/:id", async (c) => c.json(await readAccount(ctxOf(c), c.req.param("id"))));

accounts.patch("/:id", async (c) => {
  const patch = validated(PatchAccount, await jsonBody(c.req.raw, 16 * 1024));
  return c.json(await updateAccount(ctxOf(c), c.req.param("id"), patch));
});
