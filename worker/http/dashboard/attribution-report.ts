// The attribution page's question (model, grouping, conversion) read leniently from its query, and the rows that put
// every model's credits side by side. The numbers themselves come from services/attribution.ts, as the API's do.
import { DEFAULT_MODEL, GROUPINGS, MODELS, type GroupBy, type Model } from "../../../schema/vocabulary";
import type { AttributionReport } from "../../services/attribution";

export interface AttributionChoice {
  model: Model;
  group_by: GroupBy;
  conversion: string;
}

/** What the query asks for; anything unreadable falls back to the API's defaults. */
export function attributionChoiceOf(q: { model?: string; group_by?: string; conversion?: string }): AttributionChoice {
  const conversion = (q.conversion ?? "").trim();
  return {
    model: MODELS.find((m) => m === q.model) ?? DEFAULT_MODEL,
    group_by: GROUPINGS.find((g) => g === q.group_by) ?? "channel",
    conversion: conversion && conversion.length <= 128 ? conversion : "lead",
  };
}

/** Keys in the order of the chosen model's credits, then any key only other models credit; each key's credit per model. */
export function compareRows(reports: Pick<AttributionReport, "model" | "rows">[], chosen: Model): { key: string; credits: Record<string, number> }[] {
  const first = reports.find((r) => r.model === chosen);
  const keys = [...new Set([...(first?.rows ?? []), ...reports.flatMap((r) => r.rows)].map((r) => r.key))];
  return keys.map((key) => ({
    key,
    credits: Object.fromEntries(reports.map((r) => [r.model, r.rows.find((row) => row.key === key)?.conversions ?? 0])),
  }));
}
