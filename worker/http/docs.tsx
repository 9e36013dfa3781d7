// /docs: the README and docs/*.md of the version that is running, as plain Markdown (text anyone can read).
import { Hono } from "hono";
import { DOCS } from "../generated/docs";
import { ApiError } from "../errors";
import type { AppEnv } from "./context";
import { Head } from "./dashboard/components/layout";
import { cspOf, newNonce } from "./dashboard/csp";

export const docs = new Hono<AppEnv>();

/** The first heading of a document, as its title in the index. */
const titleOf = (text: string, name: string) => /^#\s+(.+)$/m.exec(text)?.[1] ?? name;

docs.get("/docs", (c) => {
  const nonce = newNonce();
  const page = (
    <html lang="en">
      <Head title="Documentation" nonce={nonce} />
      <body>
        <main id="main" class="home">
          <h1>Documentation</h1>
          <ul class="links">
            {Object.entries(DOCS).map(([name, text]) => (
              <li><a href={`/docs/${name}`}>{titleOf(text, name)}</a> <span class="muted">{name}</span></li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
  c.header("Content-Security-Policy", cspOf(nonce));
  return c.html(`<!doctype html>${String(page)}`);
});

docs.get("/docs/:name", (c) => {
  const text = DOCS[c.req.param("name")];
  if (text === undefined) throw new ApiError(404, `No document ${c.req.param("name")}; see /docs.`);
  return c.body(text, 200, { "Content-Type": "text/markdown; charset=utf-8", "Cache-Control": "public, max-age=300" });
});
