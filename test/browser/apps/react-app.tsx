/** @jsxImportSource react */
// A React app as sites are built today: a client router (react-router), titles set after each route renders, and
// controlled lead forms that post with fetch — one <form> whose inputs have no name, one widget that is no form at
// all, and one container marked data-pista-form. Bundled by test/browser/support/apps.ts with esbuild.
import { useEffect, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Link, Route, Routes, useNavigate } from "react-router";

/** Sets the title once the route has rendered, as most apps do: after the router's pushState. */
function Page(props: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${props.title} — Acme`;
  }, [props.title]);
  return (
    <main>
      <nav>
        <Link id="nav-home" to="/">Home</Link> <Link id="nav-pricing" to="/pricing">Pricing</Link> <Link id="nav-contact" to="/contact">Contact</Link>{" "}
        <Link id="nav-newsletter" to="/newsletter">Newsletter</Link> <Link id="nav-quote" to="/quote">Quote</Link>
      </nav>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}

const post = (what: string, body: unknown) => fetch(`api/${what}`, { method: "POST", body: JSON.stringify(body) });

/** A <form> with controlled inputs and no name attributes (fields known by id), submitted with fetch. */
function Contact() {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [company, setCompany] = useState("");
  const [sent, setSent] = useState(false);
  const navigate = useNavigate();
  return (
    <Page title="Contact">
      <form
        id="contact-form"
        onSubmit={(e) => {
          e.preventDefault();
          void post("contact", { email, name, company }).then(() => {
            setSent(true);
            navigate("/thanks");
          });
        }}
      >
        <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <input id="full_name" value={name} onChange={(e) => setName(e.target.value)} />
        <input id="company" value={company} onChange={(e) => setCompany(e.target.value)} />
        <input id="password" type="password" defaultValue="react-secret-pw" />
        <button id="contact-submit" type="submit">Send</button>
      </form>
      {sent && <p>Sent</p>}
    </Page>
  );
}

/** No form: an e-mail field and a button whose handler posts (found by the snippet without markup). */
function Newsletter() {
  const [email, setEmail] = useState("");
  const [done, setDone] = useState(false);
  return (
    <Page title="Newsletter">
      <p>
        <button id="toggle-theme" type="button">Dark mode</button> <button id="share" type="button">Share</button>
      </p>
      <div className="signup">
        <input type="email" placeholder="you@company.com" value={email} onChange={(e) => setEmail(e.target.value)} />
        <button id="subscribe" onClick={() => void post("subscribe", { email }).then(() => setDone(true))}>Subscribe</button>
      </div>
      {done && <p id="subscribed">Subscribed</p>}
    </Page>
  );
}

/** A container marked data-pista-form (every button inside it sends it: "Back" stays outside), its button of type
 * "button", a select and a textarea. */
function Quote() {
  const [state, setState] = useState({ work_email: "", seats: "", budget: "", message: "" });
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof state) => (e: { target: { value: string } }) => setState({ ...state, [key]: e.target.value });
  return (
    <Page title="Quote">
      <button id="back" type="button">Back</button>
      <div data-pista-form="quote-request">
        <input name="work_email" value={state.work_email} onChange={set("work_email")} />
        <input name="seats" value={state.seats} onChange={set("seats")} />
        <select name="budget" value={state.budget} onChange={set("budget")}>
          <option value="">Choose</option>
          <option>$10k-$50k</option>
        </select>
        <textarea name="message" value={state.message} onChange={set("message")} />
        <button id="quote-submit" type="button" onClick={() => void post("quote", state).then(() => setDone(true))}>Get a quote</button>
      </div>
      {done && <p id="quoted">Quote requested</p>}
    </Page>
  );
}

function App() {
  return (
    <Routes>
      <Route path="/" element={<Page title="Home">Welcome</Page>} />
      <Route path="/pricing" element={<Page title="Pricing">Plans</Page>} />
      <Route path="/contact" element={<Contact />} />
      <Route path="/thanks" element={<Page title="Thanks">Thank you</Page>} />
      <Route path="/newsletter" element={<Newsletter />} />
      <Route path="/quote" element={<Quote />} />
    </Routes>
  );
}

// The app lives below its test's scope: /s12/app/…
const basename = location.pathname.match(/^\/s\d+\/app/)![0];
createRoot(document.getElementById("root")!).render(
  <BrowserRouter basename={basename}>
    <App />
  </BrowserRouter>,
);
