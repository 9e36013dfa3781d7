// The plain data the scorer reads and returns; JSON-serialisable so profiles can store it as is.
import type { Grade, QualityStatus } from "../../../schema/vocabulary";

export type { Grade, Stage } from "../../../schema/vocabulary";

/** One stored event as the scorer sees it. */
export interface ScoringEvent {
  /** "pageview" | "click" | "outbound" | "download" | "mailto" | "tel" | "form" | "track" | "identify" | "engage" | "session_start" */
  type: string;
  /** custom event name (track), form id or name (form), link href (click kinds) */
  name: string | null;
  url: string | null;
  path: string | null;
  /** track properties; engage: {engaged_ms, scroll}; session_start: {session_number}; form: {form_id, form_name} */
  props: Record<string, unknown>;
  /** epoch ms */
  at: number;
}

/** One behaviour rule's ledger: `value` is exact at reference time `at`; the rest feed caps and explanations. */
export interface RuleState {
  /** decayed sum of awarded points, as of `at` (full precision) */
  value: number;
  /** reference time of `value`: the latest matching event, epoch ms */
  at: number;
  /** points ever awarded (before decay), for the lifetime cap */
  lifetime: number;
  /** UTC day (YYYY-MM-DD) of the latest matching event, and points awarded on it, for the daily cap */
  day: string;
  day_points: number;
  /** matching events, including ones a cap held to zero points */
  hits: number;
}

export interface ScoreState {
  /** version of this state's format */
  version: number;
  rules: Record<string, RuleState>;
}

export interface ProfileFacts {
  /** email, name, phone, company, job_title, role, budget, need, timeline, company_size, country, … from forms and identify */
  traits: Record<string, unknown>;
  email: string | null;
  phone: string | null;
  /** from geo when the traits lack it */
  country: string | null;
  /** collected at ingest: fastest form fill, hidden honeypot filled, bot verdict */
  signals: { form_fill_ms?: number | null; honeypot?: boolean; bot?: boolean };
}

export interface BreakdownItem {
  rule: string;
  kind: "behavior" | "fit";
  /** decayed to now (behaviour) or the fit points */
  points: number;
  /** points before decay */
  awarded: number;
  hits: number;
  /** plain words, e.g. "Visited pricing (2×): +20, decayed to +14" */
  description: string;
}

export interface Quality {
  status: QualityStatus;
  reasons: string[];
}

export interface Evaluation {
  score: number;
  fit: number;
  /** null while nothing the fit rules read is known */
  grade: Grade | null;
  label: string;
  quality: Quality;
  breakdown: BreakdownItem[];
}
