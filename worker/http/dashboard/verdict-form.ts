// The verdict form as a PATCH body: what the form says, compared with the profile, in the API's own words, so the
// dashboard saves through the same validation and service as PATCH /api/v1/profiles/{id}.
import type { ProfileView } from "../../core/profiles/view";
import type { VerdictInput } from "./components/verdict";

export function verdictInputOfForm(form: Record<string, unknown>): VerdictInput {
  const text = (key: string) => (typeof form[key] === "string" ? (form[key] as string).trim() : "");
  return { contacted: text("contacted") === "true", disposition: text("disposition"), amount: text("deal_amount"), currency: text("deal_currency") };
}

/**
 * The body to validate with PatchProfile. Ticking "contacted" keeps the first contact's time (or sets it now);
 * clearing it removes it; an empty disposition or an empty deal removes them. A half-filled deal stays as typed, so
 * validation names what is missing.
 */
export function verdictPatchOf(input: VerdictInput, current: Pick<ProfileView, "contacted_at">): Record<string, unknown> {
  const patch: Record<string, unknown> = { disposition: input.disposition === "" ? null : input.disposition };
  if (input.contacted && current.contacted_at === null) patch.contacted = true;
  if (!input.contacted && current.contacted_at !== null) patch.contacted_at = null;
  const amount = input.amount.replaceAll(/\s/g, "");
  patch.deal = amount === "" && input.currency === "" ? null : { amount: amount === "" ? undefined : Number(amount), currency: input.currency };
  return patch;
}
