// A profile's journey: every session start with its channel and source, oldest first; each conversion marked in the
// session it happened in; and the credit each touch earned for the chosen conversion under the chosen model.
import { MODEL_LABELS, MODELS } from "../../../../schema/vocabulary";
import type { ProfileView } from "../../../core/profiles/view";
import { conversionNameOf, type ProfileJourney } from "../../../services/overview";
import type { ConversionRow, TouchRow } from "../../../store/overview";
import { pathText, timeText, wordsOf } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { Options } from "./options";

const sourceText = (t: TouchRow) => [t.source, t.medium].filter(Boolean).join(" / ");
const creditText = (x: number) => (x === 0 ? "–" : `${(Math.round(x * 1000) / 10).toLocaleString("en")}%`);

function conversionText(c: ConversionRow): string {
  if (c.kind !== "event") return `Became ${c.kind === "mql" ? "an mql" : c.kind === "sql" ? "an sql" : `a ${c.kind}`}`;
  return `${wordsOf(c.name ?? "conversion")}${c.value ? ` (${c.value.toLocaleString("en")})` : ""}`;
}

/** The model and conversion the credit column is for: a GET form, so it works without JavaScript. */
function CreditChoice(props: { ctx: PageContext; p: ProfileView; journey: ProfileJourney }) {
  const names = [...new Set(["lead", ...props.journey.conversions.map(conversionNameOf)])];
  return (
    <form class="filters" method="get" action={`/dashboard/profiles/${encodeURIComponent(props.p.id)}`} aria-label="Credit by model">
      {Object.entries(props.ctx.keep).map(([k, v]) => (v ? <input type="hidden" name={k} value={String(v)} /> : null))}
      <label for="j-model">
        Model
        <select id="j-model" name="model">
          <Options items={MODELS.map((m) => [m, MODEL_LABELS[m]] as const)} selected={props.journey.model} />
        </select>
      </label>
      <label for="j-conversion">
        Conversion
        <select id="j-conversion" name="conversion">
          <Options items={names.map((n) => [n, wordsOf(n)] as const)} selected={props.journey.conversion} />
        </select>
      </label>
      <button type="submit">Show credit</button>
    </form>
  );
}

export function JourneyTable(props: { ctx: PageContext; p: ProfileView; journey: ProfileJourney }) {
  const { touches, conversions, credit, touchOf, model, conversion } = props.journey;
  if (touches.length === 0 && conversions.length === 0) return <p class="muted">No session recorded.</p>;
  const total = credit.reduce((a, b) => a + b, 0);
  const credited = total > 0;
  const markers = (i: number) => conversions.filter((_, n) => touchOf[n] === i);
  const attributionHref = hrefOf("/dashboard/attribution", { ...props.ctx.keep, model, conversion });
  return (
    <>
      <CreditChoice ctx={props.ctx} p={props.p} journey={props.journey} />
      <p class="muted small" id="credit-note">
        {credited
          ? `Credit: the share of this person's ${wordsOf(conversion)} conversion${total > 1.000001 ? `s (${Math.round(total)})` : ""} each touch earned under ${MODEL_LABELS[model]}, split as the `
          : `This person has no ${wordsOf(conversion)} conversion, so no touch earns credit for it. Credit is split as the `}
        <a href={attributionHref}>attribution report</a>
        {model === "markov" ? " splits it (Markov by the site's channel shares over the dashboard's date range)." : " splits it."}
      </p>
      <div class="scroll">
        <table id="journey">
          <thead>
            <tr>
              <th scope="col">Started (UTC)</th>
              <th scope="col">Channel</th>
              <th scope="col">Source / medium</th>
              <th scope="col">Campaign</th>
              <th scope="col">Landing page</th>
              <th scope="col" class="num">{`Credit (${MODEL_LABELS[model]})`}</th>
            </tr>
          </thead>
          <tbody>
            {markers(-1).map((c) => (
              <ConversionLine c={c} />
            ))}
            {touches.map((t, i) => (
              <>
                <tr data-touch={String(i)}>
                  <th scope="row">{timeText(t.at)}</th>
                  <td>{t.channel}</td>
                  <td>
                    {sourceText(t)}
                    {t.click_id && <span class="badge">{t.click_id}</span>}
                  </td>
                  <td>{t.campaign ?? ""}</td>
                  <td class="small">{pathText(t.landing_page)}</td>
                  <td class="num" data-credit={String(credit[i] ?? 0)}>{creditText(total > 0 ? (credit[i] ?? 0) / total : 0)}</td>
                </tr>
                {markers(i).map((c) => (
                  <ConversionLine c={c} />
                ))}
              </>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ConversionLine(props: { c: ConversionRow }) {
  return (
    <tr class="conversion" data-conversion={conversionNameOf(props.c)}>
      <td class="small">{timeText(props.c.at)}</td>
      <td colspan={5}>
        <strong>{`★ ${conversionText(props.c)}`}</strong> <span class="muted small">in this session</span>
      </td>
    </tr>
  );
}
