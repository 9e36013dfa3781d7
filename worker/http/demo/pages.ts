// A small, realistic demo site for the seeded `demo` site: landing, pricing, a comparison page, a contact form and a
// campaign landing page whose form is a demo request only its button says so.
const NAV = [
  ["/demo", "Home"],
  ["/demo/pricing", "Pricing"],
  ["/demo/compare/acme-vs-pista", "Compare"],
  ["/demo/case-studies", "Customers"],
  ["/demo/careers", "Careers"],
  ["/demo/contact", "Request a demo"],
] as const;

function layout(title: string, body: string): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}">${label}</a>`).join(" · ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — Northwind Analytics (Pista demo)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d232a}
nav{margin-bottom:2rem}a{color:#0a58ca}label{display:block;margin:.6rem 0}input,select,textarea{display:block;width:100%;padding:.4rem;font:inherit}
.plans{display:flex;gap:1rem}.plan{border:1px solid #ccd;border-radius:8px;padding:1rem;flex:1}.hp{position:absolute;left:-9999px}</style>
<script defer src="/p.js" data-site="demo"></script>
</head><body><nav>${nav}</nav><main>${body}</main>
<footer><p><small>A demo site tracked by Pista. Open <a href="/dashboard">the dashboard</a> to see this visit.</small></p></footer>
</body></html>`;
}

const PAGES: Record<string, () => string> = {
  "": () =>
    layout(
      "Home",
      `<h1>Know which leads are ready to buy</h1>
<p>Northwind Analytics turns your product usage into revenue signals.</p>
<p><a href="/demo/pricing" id="cta-pricing">See pricing</a> or <a href="/demo/contact" id="cta-demo">request a demo</a>.</p>
<p>Download the <a href="/demo/files/northwind-whitepaper.pdf" id="whitepaper">2026 buyer's guide (PDF)</a>.</p>
<p>Questions? <a href="mailto:sales@northwind.example" id="mail">sales@northwind.example</a> or <a href="tel:+14155550123" id="call">+1 415 555 0123</a>.</p>
<p>Read our <a href="https://docs.northwind.example/start" id="docs">documentation</a>.</p>
<p>Came from an ad? Try <a href="/demo/lp/spring-webinar?utm_source=linkedin&amp;utm_medium=paid_social&amp;utm_campaign=spring-webinar" id="lp">the spring campaign page</a>.</p>`,
    ),
  pricing: () =>
    layout(
      "Pricing",
      `<h1>Pricing</h1><div class="plans">
<div class="plan"><h2>Starter</h2><p>$49/month</p></div>
<div class="plan"><h2>Growth</h2><p>$199/month</p></div>
<div class="plan"><h2>Enterprise</h2><p>Talk to us</p><a href="/demo/contact" id="plan-enterprise">Contact sales</a></div></div>`,
    ),
  "compare/acme-vs-pista": () =>
    layout("Acme vs Northwind", `<h1>Acme vs Northwind</h1><p>A side-by-side comparison of features, pricing and support.</p><a href="/demo/pricing">Compare plans</a>`),
  "case-studies": () => layout("Customers", `<h1>Case studies</h1><p>How Contoso doubled its pipeline in one quarter.</p>`),
  careers: () => layout("Careers", `<h1>Careers</h1><p>We are hiring engineers in Lisbon and Austin.</p>`),
  contact: () =>
    layout(
      "Request a demo",
      `<h1>Request a demo</h1>
<form id="demo-request" name="demo-request" action="/demo/thanks" method="post">
<label>Name <input name="name" autocomplete="name" required></label>
<label>Work e-mail <input name="email" type="email" autocomplete="email" required></label>
<label>Company <input name="company" autocomplete="organization"></label>
<label>Job title <input name="job_title" autocomplete="organization-title"></label>
<label>Phone <input name="phone" type="tel" autocomplete="tel"></label>
<label>Budget <select name="budget"><option value="">Choose…</option><option>Under $1k/month</option><option>$1k–$5k/month</option><option>Over $5k/month</option></select></label>
<label>When do you plan to buy? <select name="timeline"><option value="">Choose…</option><option>This quarter</option><option>Next 6 months</option><option>Just researching</option></select></label>
<label>What do you need? <textarea name="need"></textarea></label>
<label class="hp" aria-hidden="true">Leave empty <input name="website" tabindex="-1" autocomplete="off" data-pista-honeypot></label>
<button type="submit" id="submit-demo">Request my demo</button>
</form>`,
    ),
  "lp/spring-webinar": () =>
    layout(
      "Spring webinar",
      `<h1>Lead scoring in 30 minutes</h1>
<p>See how Northwind ranks your pipeline by intent and fit, live with your own data.</p>
<form id="lp-2026-spring" name="spring" action="/demo/thanks" method="post">
<label>Name <input name="name" autocomplete="name" required></label>
<label>Work e-mail <input name="email" type="email" autocomplete="email" required></label>
<label>Company <input name="company" autocomplete="organization"></label>
<label>Job title <input name="job_title" autocomplete="organization-title"></label>
<label>Monthly budget <select name="budget"><option value="">Choose…</option><option>Under $1k/month</option><option>$1k–$5k/month</option><option>Over $5k/month</option></select></label>
<button type="submit" id="submit-lp">Book a demo</button>
</form>`,
    ),
  thanks: () => layout("Thank you", `<h1>Thank you</h1><p>We will be in touch within one business day.</p>`),
};

/** The demo page at a path below /demo, or null. */
export function demoPage(path: string): string | null {
  const key = path.replace(/^\/demo\/?/, "").replace(/\/$/, "");
  return PAGES[key]?.() ?? null;
}
