// DEFAULT_SCORING: a sensible B2B starting point (explained rule by rule in docs/SCORING.md); sites override it by PUT.
import { DEFAULT_JUNK_REASONS, type ScoringConfig } from "../../../schema/scoring";

const SENIORITY = ["job_title", "role", "title", "seniority"];
/** A demo, quote, trial, call or contact request, in the words forms use for them (docs/SCORING.md). */
const REQUEST_FORM =
  "(^|[^a-z])(demos?|quotes?|trials?|contact|call(back| me)?|consultation|get[ -]started|talk[ -]to|(book|schedule|request)[ -](a[ -])?(demo|call|meeting|consultation|quote|pricing))([^a-z]|$)";
const SENIOR_EXEC = "\\b(c[etfoimr]o|chief|(co-?)?founder|business owner|managing (director|partner)|general manager)\\b|(?<!vice[ -])\\bpresident\\b";

export const DEFAULT_SCORING: ScoringConfig = {
  version: 1,
  half_life_days: 30,
  behavior: {
    rules: [
      { id: "page_view", description: "Viewed pages", points: 1, match: { type: ["pageview"] }, max_per_day: 5, max_lifetime: 30 },
      { id: "visited_pricing", description: "Visited pricing", points: 10, match: { type: ["pageview"], path: ["pricing*", "plans*"] }, max_per_day: 20, max_lifetime: 60 },
      {
        id: "compared_alternatives", description: "Compared alternatives", points: 10,
        match: { type: ["pageview"], path: ["*-vs-*", "*-versus-*", "compare*", "comparison*", "alternative*"] }, max_per_day: 20, max_lifetime: 50,
      },
      {
        id: "viewed_case_studies", description: "Read customer stories", points: 5,
        match: { type: ["pageview"], path: ["case-stud*", "customer-stor*", "success-stor*", "/customers/**"] }, max_per_day: 10, max_lifetime: 30,
      },
      {
        id: "viewed_product", description: "Explored product pages", points: 3,
        match: { type: ["pageview"], path: ["product*", "features*", "integrations*", "solutions*", "security*"] }, max_per_day: 9, max_lifetime: 30,
      },
      { id: "returning_visit", description: "Came back for another visit", points: 5, match: { type: ["session_start"], props_at_least: { session_number: 2 } }, max_per_day: 5, max_lifetime: 25 },
      { id: "engaged_reading", description: "Read a page for a minute or more", points: 3, match: { type: ["engage"], props_at_least: { engaged_ms: 60_000 } }, max_per_day: 9, max_lifetime: 30 },
      {
        id: "downloaded_content", description: "Downloaded a document", points: 8,
        match: { type: ["download"], extension: ["pdf", "doc", "docx", "ppt", "pptx", "xls", "xlsx", "key", "epub", "zip"] }, max_per_day: 16, max_lifetime: 40,
      },
      { id: "clicked_contact", description: "Clicked to e-mail or call", points: 10, match: { type: ["mailto", "tel"] }, max_per_day: 10, max_lifetime: 30 },
      { id: "submitted_form", description: "Submitted a form", points: 15, match: { type: ["form"] }, max_per_day: 30, max_lifetime: 60 },
      {
        id: "requested_demo", description: "Asked for a demo, quote, trial or call", points: 30,
        // The form itself says what it asks for (its path, id or name, submit button), wherever it is placed.
        match: { type: ["form"], form_matches: REQUEST_FORM },
        max_per_day: 30, max_lifetime: 90,
      },
      {
        id: "intent_event", description: "Signalled buying intent", points: 30,
        match: { type: ["track"], name: ["demo_requested", "request_demo", "quote_requested", "trial_started", "contact_sales", "meeting_booked"] },
        max_per_day: 30, max_lifetime: 90,
      },
      { id: "careers_page", description: "Looked at jobs (likely a candidate)", points: -10, match: { type: ["pageview"], path: ["career*", "job*", "join-us*", "vacanc*"] }, max_per_day: 10, max_lifetime: 30 },
      {
        id: "support_pages", description: "Used support or login (likely a customer)", points: -5,
        match: { type: ["pageview"], path: ["support*", "help*", "login*", "signin*", "sign-in*", "status*"] }, max_per_day: 10, max_lifetime: 20,
      },
    ],
  },
  fit: {
    rules: [
      { id: "corporate_email", description: "Corporate e-mail domain", points: 15, traits: ["email_type"], any_of: ["corporate"] },
      { id: "free_email", description: "Free-mail address", points: -5, traits: ["email_type"], any_of: ["free"] },
      { id: "competitor", description: "Works at a competitor", points: -100, traits: ["competitor"], present: true },
      {
        id: "student", description: "Student or intern", points: -30, group: "seniority", traits: SENIORITY,
        contains: ["student", "intern", "internship", "trainee", "apprentice", "working student", "werkstudent", "praktikant"],
      },
      { id: "executive", description: "C-level executive or founder", points: 25, group: "seniority", traits: SENIORITY, matches: SENIOR_EXEC },
      { id: "vp_director", description: "VP, director or head of a function", points: 20, group: "seniority", traits: SENIORITY, contains: ["vp", "svp", "evp", "vice president", "director", "head"] },
      { id: "manager", description: "Manager or team lead", points: 10, group: "seniority", traits: SENIORITY, contains: ["manager", "lead", "principal", "supervisor"] },
      { id: "budget_high", description: "Budget of 50k or more", points: 20, group: "budget", traits: ["budget"], min: 50_000 },
      { id: "budget_mid", description: "Budget of 10k or more", points: 10, group: "budget", traits: ["budget"], min: 10_000 },
      { id: "budget_low", description: "Budget under 1k", points: -10, group: "budget", traits: ["budget"], max: 1_000 },
      { id: "need_stated", description: "Described a need", points: 10, traits: ["need", "problem", "challenge", "use_case"], present: true },
      {
        id: "timeline_none", description: "No buying plans yet", points: -5, group: "timeline", traits: ["timeline"],
        contains: ["no plans", "not now", "not right now", "just researching", "just browsing", "no timeline", "someday"],
      },
      {
        id: "timeline_soon", description: "Buying within 3 months", points: 15, group: "timeline", traits: ["timeline"],
        contains: ["asap", "immediately", "right now", "urgent", "this month", "next month", "this quarter", "1-3 months", "0-3 months", "within 3 months", "30 days", "90 days"],
      },
      {
        id: "timeline_later", description: "Buying within a year", points: 5, group: "timeline", traits: ["timeline"],
        contains: ["next quarter", "3-6 months", "6-12 months", "this year", "within 6 months", "within 12 months"],
      },
      { id: "company_large", description: "Company of 200+ people", points: 10, group: "size", traits: ["company_size", "employees"], min: 200 },
      { id: "company_mid", description: "Company of 20+ people", points: 5, group: "size", traits: ["company_size", "employees"], min: 20 },
      { id: "company_solo", description: "One-person company", points: -5, group: "size", traits: ["company_size", "employees"], max: 1 },
    ],
    grades: { A: 60, B: 40, C: 20, D: 0, E: -20 },
  },
  labels: {
    default: "browser",
    rules: [
      { label: "ready_to_buy", when: { any_rules: ["requested_demo", "intent_event", "clicked_contact"], within_days: 30 } },
      { label: "ready_to_buy", when: { min_score: 60, min_grade: "B", any_rules: ["visited_pricing"], within_days: 14 } },
      { label: "comparison_shopper", when: { any_rules: ["visited_pricing", "compared_alternatives"], within_days: 30 } },
    ],
  },
  stages: { mql_min_score: 50, mql_min_grade: "C", hysteresis: 10 },
  quality: { min_form_fill_ms: 1500, junk_reasons: [...DEFAULT_JUNK_REASONS] },
  competitor_domains: [],
  free_mail_domains: [],
};
