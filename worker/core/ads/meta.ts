// Meta's Conversions API: which outbox rows become events (a stage reached, by a person who did not refuse marketing,
// with something Meta can match), and the event itself — hashed e-mail and phone, fbc from the fbclid click, a
// stable event_id for Meta's deduplication. One event per request (a request may hold 1,000; see docs/AD-PLATFORMS.md).
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import type { AdStage, MetaStageNames } from "../../../schema/destinations";
import type { ProfileRecord } from "../profiles/profile";
import type { Snapshot } from "../webhooks/payload";
import { stageValue } from "./stage-value";

export const META_GRAPH_URL = "https://graph.facebook.com";
export const META_API_VERSION = "v21.0";
/** Meta refuses events whose event_time is more than 7 days before they are sent. */
export const META_MAX_AGE_MS = 7 * 86_400_000;

/** A Meta destination's settings as stored on its endpoint (the access token is the endpoint's secret). */
export interface MetaConfig {
  pixel_id: string;
  stages: MetaStageNames;
  test_event_code: string | null;
  api_version: string;
}

export function metaConfigOf(config: Record<string, unknown>): MetaConfig {
  return {
    pixel_id: String(config.pixel_id ?? ""),
    stages: (config.stages ?? {}) as MetaStageNames,
    test_event_code: typeof config.test_event_code === "string" && config.test_event_code !== "" ? config.test_event_code : null,
    api_version: typeof config.api_version === "string" ? config.api_version : META_API_VERSION,
  };
}

const REACHED: readonly AdStage[] = ["mql", "sql", "customer"];

/** The stage an outbox row reports: becoming identified is reaching `lead`; a stage change into mql, sql or customer. */
export function metaStageOf(type: string, data: Record<string, unknown>): AdStage | null {
  if (type === "profile.identified") return "lead";
  if (type === "profile.stage_changed") return REACHED.find((s) => s === data.to) ?? null;
  return null;
}

/** Meta deduplicates on event_name + event_id: one id per person and stage, the same on every retry and replay. */
export const metaEventId = (profileId: string, stage: AdStage): string => `pista.${stage}.${profileId}`;

export function normalisedEmail(email: string | null): string | null {
  const e = email?.trim().toLowerCase();
  return e && e.includes("@") ? e : null;
}

/** Digits only, with the country code and no "+" (Meta's rule); a national number is read in the person's country. */
export function normalisedPhone(phone: string | null, country: string | null): string | null {
  if (!phone) return null;
  const parsed = parsePhoneNumberFromString(phone.trim(), (country?.toUpperCase() || undefined) as CountryCode | undefined);
  return parsed?.isPossible() ? parsed.number.replace(/\D/g, "") : null;
}

/** The `_fbc` cookie's format, rebuilt from the fbclid Pista kept: `fb.1.{click time ms}.{fbclid}`. */
export const fbcOf = (click: { value: string; at: number }): string => `fb.1.${click.at}.${click.value}`;

function phoneOf(r: ProfileRecord): string | null {
  const trait = typeof r.traits.phone === "string" ? r.traits.phone : null;
  return normalisedPhone(r.phone ?? trait, r.geo?.country ?? null);
}

/** What Meta can match the person by; an event with none of these could not be attributed. */
export function matchKeysOf(r: ProfileRecord): { email: string | null; phone: string | null; fbc: string | null } {
  const fb = r.ad_clicks.fbclid;
  return { email: normalisedEmail(r.email), phone: phoneOf(r), fbc: fb ? fbcOf(fb) : null };
}

/** The stage a row is sent to Meta as, or null: a configured stage, of a person who exists, consents and can be matched. */
export function metaTarget(row: { type: string; data: Record<string, unknown>; snapshot?: Snapshot }, config: MetaConfig): AdStage | null {
  const stage = metaStageOf(row.type, row.data);
  if (!stage || !config.stages[stage] || !row.snapshot || !("record" in row.snapshot)) return null;
  const r = row.snapshot.record;
  if (r.marketing_refused) return null;
  const keys = matchKeysOf(r);
  return keys.email || keys.phone || keys.fbc ? stage : null;
}

/** Why a delivery must not be sent (now or ever), or null: checked at every attempt, whatever fan-out decided. */
export function metaHold(m: { at: number; snapshot: Snapshot }, now: number): string | null {
  if (!("record" in m.snapshot)) return "the person was erased";
  if (m.snapshot.record.marketing_refused) return "the person refused marketing";
  if (now - m.at > META_MAX_AGE_MS) return "older than 7 days: Meta accepts events up to 7 days old";
  return null;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export interface MetaServerEvent {
  event_name: string;
  event_time: number;
  event_id: string;
  action_source: "system_generated";
  user_data: { em?: string[]; ph?: string[]; fbc?: string };
  custom_data: { event_source: "crm"; lead_event_source: "Pista"; value?: number; currency?: string };
}

/**
 * One server event, as Meta's CRM integration specifies it: `system_generated` (the stage was reached in the lead
 * system, not on a web page), `custom_data.event_source: "crm"`, and the person's e-mail and phone hashed here.
 */
export async function metaEvent(input: { record: ProfileRecord; stage: AdStage; eventName: string; at: number }): Promise<MetaServerEvent> {
  const { email, phone, fbc } = matchKeysOf(input.record);
  const value = stageValue(input.stage, input.record.deal);
  return {
    event_name: input.eventName,
    event_time: Math.floor(input.at / 1000),
    event_id: metaEventId(input.record.id, input.stage),
    action_source: "system_generated",
    user_data: {
      ...(email ? { em: [await sha256Hex(email)] } : {}),
      ...(phone ? { ph: [await sha256Hex(phone)] } : {}),
      ...(fbc ? { fbc } : {}),
    },
    custom_data: { event_source: "crm", lead_event_source: "Pista", ...(value ? { value: value.value, currency: value.currency } : {}) },
  };
}

/** `{META_GRAPH_URL}/{version}/{pixel_id}/events?access_token=…` */
export function metaEventsUrl(base: string, config: MetaConfig, token: string): string {
  return `${base.replace(/\/+$/, "")}/${config.api_version}/${encodeURIComponent(config.pixel_id)}/events?access_token=${encodeURIComponent(token)}`;
}

export function metaBody(events: MetaServerEvent[], config: MetaConfig): string {
  return JSON.stringify({ data: events, ...(config.test_event_code ? { test_event_code: config.test_event_code } : {}) });
}
