// The snippet's own <script> tag, whose data-* attributes hold its settings. Read while p.js first runs: later,
// document.currentScript is another script or null.
export const scriptTag = document.currentScript as HTMLScriptElement;
