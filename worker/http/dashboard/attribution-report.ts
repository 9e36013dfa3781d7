// The attribution page's numbers: query → model/grouping/conversion, and every model's report from one set of journeys.
import { attribute, isModel, MODELS, type Journey, type Model } from "../../core/attribution";
import type { GroupBy } from "../../store/attribution";

export const GROUPINGS: GroupBy[] = ["channel", "source", "campaign"];
export const STAGE_CONVERSIONS = ["lead", "mql", "sql", "customer"] as const;

export const MODEL_LABELS: Record<Model, string> = {
  first_touch: "First touch",
  last_touch: "Last touch",
  last_non_direct: "Last non-direct",
  linear: "Linear",
  time_decay: "Time decay",
  position_based: "Position-based",
  markov: "Markov chain",
  shapley: "Shapley value",
};

export interface AttributionChoice {
  model: Model;
  group_by: GroupBy;
  conversion: string;
}

/** What the query asks for; anything unreadable falls back to the API's defaults. */
export function attributionChoiceOf(q: { model?: string; group_by?: string; conversion?: string }): AttributionChoice {
  const conversion = (q.conversion ?? "").trim();
  return {
    model: q.model && isModel(q.model) ? q.model : "last_non_direct",
    group_by: GROUPINGS.find((g) => g === q.group_by) ?? "channel",
    conversion: conversion && conversion.length <= 128 ? conversion : "lead",
  };
}

export interface ModelReport {
  model: Model;
  total_conversions: number;
  total_value: number;
  rows: { key: string; conversions: number; value: number }[];
}

/** Rounded exactly as the JSON API rounds, so the page and the API print the same numbers. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function reportOf(journeys: Journey[], model: Model): ModelReport {
  const r = attribute(journeys, model);
  return {
    model,
    total_conversions: r.total_conversions,
    total_value: round(r.total_value),
    rows: r.rows.map((row) => ({ key: row.key, conversions: round(row.conversions), value: round(row.value) })),
  };
}

export const reportsOf = (journeys: Journey[]): ModelReport[] => MODELS.map((m) => reportOf(journeys, m));

/** Keys in the order of the chosen model's credits, then any key only other models credit; each key's credit per model. */
export function compareRows(reports: ModelReport[], chosen: Model): { key: string; credits: Record<string, number> }[] {
  const first = reports.find((r) => r.model === chosen);
  const keys = [...new Set([...(first?.rows ?? []), ...reports.flatMap((r) => r.rows)].map((r) => r.key))];
  return keys.map((key) => ({
    key,
    credits: Object.fromEntries(reports.map((r) => [r.model, r.rows.find((row) => row.key === key)?.conversions ?? 0])),
  }));
}
