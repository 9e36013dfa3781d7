// The webhook form as the API's bodies: what the fields say, read into the shape CreateWebhook and PatchWebhook
// validate, so the dashboard and POST/PATCH /api/v1/webhooks accept and refuse exactly the same endpoints.
import type { Subscription } from "../../store/webhooks";

/** The form's fields as typed (shown again when the form comes back refused). */
export interface WebhookFormValues {
  url: string;
  events: string[];
  grade: string[];
  stage: string[];
  /** labels, separated by commas */
  label: string;
  min_score: string;
}

type Body = Record<string, string | File | (string | File)[]>;

const list = (x: Body[string] | undefined): string[] => (x === undefined ? [] : (Array.isArray(x) ? x : [x])).filter((v): v is string => typeof v === "string");
const text = (x: Body[string] | undefined) => list(x)[0]?.trim() ?? "";

/** From `c.req.parseBody({ all: true })`. */
export function webhookValuesOfForm(form: Body): WebhookFormValues {
  return { url: text(form.url), events: list(form.events), grade: list(form.grade), stage: list(form.stage), label: text(form.label), min_score: text(form.min_score) };
}

export function webhookValuesOf(sub: Subscription): WebhookFormValues {
  const f = sub.filters;
  return { url: sub.url, events: sub.events, grade: f.grade ?? [], stage: f.stage ?? [], label: (f.label ?? []).join(", "), min_score: f.min_score === undefined ? "" : String(f.min_score) };
}

export const EMPTY_WEBHOOK_VALUES: WebhookFormValues = { url: "", events: [], grade: [], stage: [], label: "", min_score: "" };

/**
 * `{url, events, filters}`: a filter left empty is absent (so saving an endpoint with no filters ticked removes them);
 * a minimum score that is not a number stays as typed, so validation names it.
 */
export function webhookBodyOf(v: WebhookFormValues): { url: string; events: string[]; filters: Record<string, unknown> } {
  const filters: Record<string, unknown> = {};
  if (v.grade.length) filters.grade = v.grade;
  if (v.stage.length) filters.stage = v.stage;
  const labels = v.label.split(",").map((l) => l.trim()).filter(Boolean);
  if (labels.length) filters.label = labels;
  if (v.min_score !== "") filters.min_score = Number.isFinite(Number(v.min_score)) ? Number(v.min_score) : v.min_score;
  return { url: v.url, events: v.events, filters };
}
