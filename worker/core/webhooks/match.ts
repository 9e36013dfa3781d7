// Which endpoints a transition goes to: its type must be subscribed and the profile must pass the endpoint's filters.


/** Every present filter must pass; a list passes when it holds the profile's value. */
export interface WebhookFilters {
  grade?: string[];
  label?: string[];
  stage?: string[];
  min_score?: number;
}

export interface Subscriber {
  id: string;
  events: string[];
  filters: WebhookFilters;
}

/** The facts filters read, as they stood after the transition; null for a deleted profile. */
export interface FilterFacts {
  score: number;
  grade: string | null;
  label: string;
  stage: string;
}

export function passesFilters(filters: WebhookFilters, facts: FilterFacts): boolean {
  const holds = (list: string[] | undefined, value: string | null) => !list || (value !== null && list.includes(value));
  return (
    holds(filters.grade, facts.grade) &&
    holds(filters.label, facts.label) &&
    holds(filters.stage, facts.stage) &&
    (filters.min_score === undefined || facts.score >= filters.min_score)
  );
}

/**
 * The ids of the endpoints that receive a transition. A deletion ignores filters: the CRM must hear about every
 * erasure whatever the profile looked like, and telling an endpoint about a profile it never received is harmless.
 */
export function matchingSubscribers(type: string, facts: FilterFacts | null, subscribers: Subscriber[]): string[] {
  return subscribers
    .filter((s) => s.events.includes(type))
    .filter((s) => type === "profile.deleted" || facts === null || passesFilters(s.filters, facts))
    .map((s) => s.id);
}
