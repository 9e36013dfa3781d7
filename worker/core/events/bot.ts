// Whether a hit comes from a bot, and why: Cloudflare's verdicts, headless signals and the isbot pattern list.
import { isbot } from "isbot";
import { HEADLESS_UA, headlessByHeaders } from "./bot-headless";

export interface BotInput {
  userAgent: string | null | undefined;
  cfBotScore?: number | null;
  cfVerifiedBot?: boolean | null;
  headers?: Record<string, string | undefined>;
}

// Cloudflare bands: 0 = not computed, 1 = automated, 2–29 = likely automated, 30–99 = likely human.
const LIKELY_HUMAN_SCORE = 30;
const MAX_UA = 2048; // real browser UAs stay under ~500 chars; bounding the input bounds the regex work

function reasonOf(input: BotInput): string | null {
  if (input.cfVerifiedBot === true) return "cf_verified_bot";
  const ua = typeof input.userAgent === "string" ? input.userAgent.trim().slice(0, MAX_UA) : "";
  if (!ua) return "missing_user_agent";
  if (HEADLESS_UA.test(ua) || headlessByHeaders(input.headers)) return "headless";
  if (isbot(ua)) return "user_agent";
  const score = input.cfBotScore;
  if (typeof score === "number" && score >= 1 && score < LIKELY_HUMAN_SCORE) return "cf_bot_score";
  return null;
}

/** Why a hit is from a bot, or null for a probable human. Never throws. */
export function botReason(input: BotInput): string | null {
  try {
    return input && typeof input === "object" ? reasonOf(input) : "missing_user_agent";
  } catch {
    // Classification must never drop an event by accident: an internal failure counts as human.
    return null;
  }
}
