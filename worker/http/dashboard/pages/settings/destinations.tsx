// Settings · Destinations: where stages reached go back to the ads that brought them. Google Ads fetches an offline
// conversion file on a schedule (its URL to copy, with the read key to paste as the password, and what the file holds
// now); Meta's Conversions API is sent each stage through the delivery pipeline (its settings, validated, and its
// latest deliveries with replay). People who refused marketing are never sent to either.
import type { ConfigIssue } from "../../../../../schema/scoring";
import { AD_STAGES, type AdStage } from "../../../../../schema/destinations";
import { STAGE_LABELS } from "../../../../../schema/vocabulary";
import type { GoogleAdsConversion } from "../../../../core/ads/google-ads";
import type { MetaDestination } from "../../../../services/destinations/meta";
import { IssuesAlert } from "../../components/issues";
import { SettingsFrame } from "../../components/settings-page";
import { Deliveries, type WebhookWithLog } from "../../components/webhooks-panel";
import { timeText } from "../../format";
import { hrefOf } from "../../links";
import type { PageContext } from "../../page-context";

export interface GoogleAdsPanel {
  /** the file's URL as Google Ads fetches it (stages and names chosen on this page) */
  url: string;
  stages: AdStage[];
  names: Record<AdStage, string>;
  /** the rows the file holds now (the first few are shown) */
  conversions: GoogleAdsConversion[];
  /** a read key just made for the upload, shown this once */
  newReadKey?: string;
}

/** The Meta form as typed (after a failed save) or as saved. */
export interface MetaForm {
  pixel_id: string;
  test_event_code: string;
  stages: Partial<Record<AdStage, string>>;
}

export interface DestinationsPageProps {
  ctx: PageContext;
  google: GoogleAdsPanel;
  meta: { saved: MetaDestination | null; form: MetaForm; issues: ConfigIssue[]; log: WebhookWithLog | null };
  notice?: string;
  error?: string;
}

const PREVIEW_ROWS = 10;
const DEFAULT_META_EVENTS: Record<AdStage, string> = { lead: "Lead", mql: "QualifiedLead", sql: "SalesQualifiedLead", customer: "Purchase" };

function GoogleAds(props: { ctx: PageContext; google: GoogleAdsPanel }) {
  const { ctx, google } = props;
  const admin = ctx.principal.admin;
  return (
    <section class="card" aria-labelledby="google-h">
      <h2 id="google-h">Google Ads · offline conversions from clicks</h2>
      <p class="muted small">
        Google Ads fetches this file on a schedule (Goals › Conversions › Uploads › Schedules, source HTTPS) and counts each
        stage as the conversion action of the same name, against the ad click (gclid) that came before it — including clicks
        made before the person was known. See <a href="/docs/AD-PLATFORMS.md">the ad platforms guide</a>.
      </p>
      <form method="get" action="/dashboard/settings/destinations" id="google-form">
        <input type="hidden" name="site" value={ctx.site.id} />
        <table>
          <caption class="muted small">Stages in the file, and the conversion action (in Google Ads) each is imported as</caption>
          <thead>
            <tr><th scope="col">Stage</th><th scope="col">Conversion name</th></tr>
          </thead>
          <tbody>
            {AD_STAGES.map((stage) => (
              <tr>
                <td>
                  <label class="check" for={`g-${stage}`}>
                    <input id={`g-${stage}`} type="checkbox" name="stages" value={stage} checked={google.stages.includes(stage)} />
                    {STAGE_LABELS[stage]}
                  </label>
                </td>
                <td>
                  <label for={`g-name-${stage}`} class="sr-only">{`Conversion name for ${STAGE_LABELS[stage]}`}</label>
                  <input id={`g-name-${stage}`} name={`name_${stage}`} maxlength={100} value={google.names[stage]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p><button type="submit" class="secondary">Update the URL</button></p>
      </form>
      <div class="snippet">
        <label for="google-url">File URL</label>
        <input id="google-url" readonly value={google.url} />
        <button type="button" class="secondary" data-copy="google-url">Copy</button>
      </div>
      <p class="small">
        User name: anything (for example <code>pista</code>). Password: this site's <strong>read key</strong>.
      </p>
      {google.newReadKey ? (
        <div class="snippet new-keys">
          <label for="google-key">New read key (shown once; the old one no longer works)</label>
          <input id="google-key" readonly value={google.newReadKey} data-key="read" />
          <button type="button" class="secondary" data-copy="google-key">Copy</button>
        </div>
      ) : (
        admin && (
          <form method="post" id="google-key-form" action={`/dashboard/settings/destinations/google-ads/key${new URL(google.url).search}`}>
            <p class="muted small">Read keys are stored as hashes, so the current one cannot be shown. A new one can (it replaces the old one everywhere).</p>
            <button type="submit" class="secondary">Make a new read key for the upload</button>
          </form>
        )
      )}
      <h3>{`In the file now: ${google.conversions.length} conversion${google.conversions.length === 1 ? "" : "s"}`}</h3>
      {google.conversions.length === 0 ? (
        <p class="muted small">None yet: a row appears when someone who clicked a Google ad reaches one of the stages above.</p>
      ) : (
        <div class="scroll">
          <table id="google-rows">
            <thead>
              <tr><th scope="col">Conversion time (UTC)</th><th scope="col">Conversion name</th><th scope="col">Google Click ID</th><th scope="col" class="num">Value</th></tr>
            </thead>
            <tbody>
              {google.conversions.slice(-PREVIEW_ROWS).reverse().map((c) => (
                <tr>
                  <td class="small">{timeText(c.at)}</td>
                  <td>{google.names[c.stage]}</td>
                  <td class="small"><code>{c.gclid.length > 24 ? `${c.gclid.slice(0, 24)}…` : c.gclid}</code></td>
                  <td class="num">{c.value ? `${c.value.value} ${c.value.currency}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MetaSettings(props: { ctx: PageContext; meta: DestinationsPageProps["meta"] }) {
  const { ctx, meta } = props;
  const admin = ctx.principal.admin;
  const invalid = meta.issues.length > 0;
  const action = (path: string) => hrefOf(`/dashboard/settings/destinations/meta${path}`, { site: ctx.site.id });
  return (
    <section class="card" aria-labelledby="meta-h">
      <h2 id="meta-h">
        Meta · Conversions API{" "}
        {meta.saved && <span class={`badge ${meta.saved.status === "active" ? "grade-A" : "q-junk"}`} data-status={meta.saved.status}>{meta.saved.status}</span>}
      </h2>
      <p class="muted small">
        Each stage named below is sent to your pixel as it is reached, once per person, with the e-mail and phone hashed
        (SHA-256) and the Facebook click id (fbc). Create the pixel and a Conversions API access token in Meta Events Manager
        (Settings › Conversions API › Generate access token); its Test events tab gives a test code.
      </p>
      {invalid && <IssuesAlert id="meta-issues" issues={meta.issues} whole="(form)" />}
      <form method="post" action={action("")} id="meta-form">
        <fieldset disabled={!admin}>
          <label for="meta-pixel">
            Pixel (dataset) id
            <input id="meta-pixel" name="pixel_id" inputmode="numeric" value={meta.form.pixel_id} aria-invalid={meta.issues.some((i) => i.path === "pixel_id") ? "true" : undefined} />
          </label>
          <label for="meta-token">
            {`Access token${meta.saved ? ` (saved: …${meta.saved.token_hint}; leave empty to keep it)` : ""}`}
            <input id="meta-token" name="access_token" type="password" autocomplete="off" aria-invalid={meta.issues.some((i) => i.path === "access_token") ? "true" : undefined} />
          </label>
          <fieldset>
            <legend>Event name sent for each stage (empty: that stage is not sent)</legend>
            {AD_STAGES.map((stage) => (
              <label for={`meta-stage-${stage}`}>
                {STAGE_LABELS[stage]}
                <input id={`meta-stage-${stage}`} name={`stage_${stage}`} maxlength={50} placeholder={DEFAULT_META_EVENTS[stage]} value={meta.form.stages[stage] ?? ""} aria-invalid={meta.issues.some((i) => i.path === `stages.${stage}`) ? "true" : undefined} />
              </label>
            ))}
          </fieldset>
          <label for="meta-test">
            Test event code <span class="muted small">(events then appear under Test events only; empty: live)</span>
            <input id="meta-test" name="test_event_code" maxlength={64} value={meta.form.test_event_code} />
          </label>
          <button type="submit">Save Meta destination</button>
        </fieldset>
      </form>
      {admin && meta.saved && (
        <form method="post" action={action("/delete")}>
          <button type="submit" class="danger">Remove the Meta destination</button>
        </form>
      )}
      <h3>Latest deliveries</h3>
      {meta.log ? <Deliveries w={meta.log} site={ctx.site.id} canReplay={admin} /> : <p class="muted">No Meta destination yet.</p>}
    </section>
  );
}

export function DestinationsSettingsPage(props: DestinationsPageProps) {
  const { ctx } = props;
  return (
    <SettingsFrame ctx={ctx} tab="destinations" title="Destinations" notice={props.notice} error={props.error}>
      <p class="muted small">
        Ad platforms learn which clicks became qualified leads and customers. A person who sent Global Privacy Control or
        refused consent is never sent to either of them.
      </p>
      <GoogleAds ctx={ctx} google={props.google} />
      <MetaSettings ctx={ctx} meta={props.meta} />
    </SettingsFrame>
  );
}
