// Web components as sites use them: Shoelace's form controls (MIT, from npm), whose values join a form only through
// the `formdata` event, and a card of our own whose open shadow root holds a form and links. Bundled by
// test/browser/support/apps.ts with esbuild.
import "@shoelace-style/shoelace/dist/components/button/button.js";
import "@shoelace-style/shoelace/dist/components/checkbox/checkbox.js";
import "@shoelace-style/shoelace/dist/components/input/input.js";
import "@shoelace-style/shoelace/dist/components/textarea/textarea.js";

/** A lead card: form, outbound link and PDF link inside its open shadow root. */
class LeadCard extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `
      <form id="shadow-form" action="thanks" method="post">
        <input name="email" type="email" value="shadow@lead.example">
        <input name="company" value="Shadow Works">
        <input name="password" type="password" value="shadow-secret-pw">
        <button id="shadow-submit">Talk to sales</button>
      </form>
      <a id="shadow-outbound" href="https://partner.example/from-shadow"><span id="shadow-outbound-label">Partner</span></a>
      <a id="shadow-pdf" href="files/shadow-guide.pdf">Guide (PDF)</a>`;
  }
}
customElements.define("lead-card", LeadCard);
