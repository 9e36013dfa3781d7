// /api/v1/dead-letters: messages a consumer could not process, with their raw body; replay sends one to its queue again.
import { Hono } from "hono";
import * as v from "valibot";
import { SiteId } from "../../../schema/api";
import { deadLettersOf, replayDeadLetter } from "../../services/dead-letters";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const deadLetters = new Hono<AppEnv>();

const DeadLetterQuery = v.strictObject({
  site: v.optional(SiteId),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "a cursor from this API"))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(1), v.maxValue(500))),
});

deadLetters.get("/", async (c) => c.json(await deadLettersOf(ctxOf(c), validated(DeadLetterQuery, c.req.query(), "query"))));

deadLetters.post("/:id/replay", async (c) => {
  const id = validated(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "a dead letter id"), v.transform(Number)), c.req.param("id"), "id");
  return c.json(await replayDeadLetter(ctxOf(c), id), 202);
});
