// Everything the Worker embeds: the snippet (dist/p.js), the documentation and large reference lists. Run by npm start,
// npm test and deploy.
import { buildData } from "./build-data.mjs";
import { buildDocs } from "./build-docs.mjs";
import { buildSnippet } from "./build-snippet.mjs";

export async function buildAll() {
  const [snippet, docs, data] = await Promise.all([buildSnippet(), buildDocs(), buildData()]);
  return { snippet, docs, data };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { snippet, docs, data } = await buildAll();
  console.log(`built: dist/p.js ${snippet.bytes} bytes; ${docs.length} documents; ${data.disposableDomains} disposable domains`);
}
