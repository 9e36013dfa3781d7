// Segment's reserved traits (camelCase, nested company/address) → the flat trait names Pista's fit rules and
// forms use (first_name, job_title, company, employees, country …). Originals are kept; a name already set wins.
// Spec: https://segment.com/docs/connections/spec/identify/#traits and /spec/group/#traits

type Traits = Record<string, unknown>;

const isRecord = (x: unknown): x is Traits => typeof x === "object" && x !== null && !Array.isArray(x);
const present = (x: unknown) => x !== undefined && x !== null && x !== "";

/** Copies `value` to `key` unless the traits already hold one there. */
function fill(out: Traits, key: string, value: unknown): void {
  if (!present(out[key]) && present(value)) out[key] = value;
}

/** The person's traits from an identify (or any message's context.traits). */
export function personTraits(raw: Traits): Traits {
  const out: Traits = { ...raw };
  fill(out, "first_name", raw.firstName);
  fill(out, "last_name", raw.lastName);
  fill(out, "job_title", raw.title);
  if (isRecord(raw.company)) {
    // Fit rules compare `company` as text: the object becomes its name, its parts become flat traits.
    const c = raw.company;
    out.company = typeof c.name === "string" && c.name !== "" ? c.name : undefined;
    if (out.company === undefined) delete out.company;
    fill(out, "company_id", c.id);
    fill(out, "industry", c.industry);
    fill(out, "employees", c.employee_count ?? c.employees);
    fill(out, "plan", c.plan);
  }
  if (isRecord(raw.address)) fill(out, "country", raw.address.country);
  return out;
}

/** What a group call tells about the person: the company they belong to. */
export function companyTraits(groupId: string, group: Traits): Traits {
  const out: Traits = { company_id: groupId };
  if (typeof group.name === "string" && group.name !== "") out.company = group.name;
  fill(out, "industry", group.industry);
  fill(out, "employees", group.employees ?? group.employee_count);
  fill(out, "plan", group.plan);
  return out;
}
