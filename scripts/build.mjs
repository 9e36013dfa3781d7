// Everything the Worker embeds: the snippet (dist/p.js) and the documentation. Run by npm start, npm test and deploy.
import { buildDocs } from "./build-docs.mjs";
import { buildSnippet } from "./build-snippet.mjs";

export async function buildAll() {
  const [snippet, docs] = await Promise.all([buildSnippet(), buildDocs()]);
  return { snippet, docs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { snippet, docs } = await buildAll();
  console.log(`built: dist/p.js ${snippet.bytes} bytes; ${docs.length} documents`);
}
