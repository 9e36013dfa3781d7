// Test pages built the way sites are built today: test/browser/apps/*, bundled with esbuild (from node_modules) into
// scripts the fixture server serves under /assets/. Built once per test file, in memory.
import path from "node:path";
import { build } from "esbuild";

const APPS = path.resolve(import.meta.dirname, "../apps");

export interface Assets {
  [file: string]: string;
}

export async function buildApps(): Promise<Assets> {
  const result = await build({
    entryPoints: { "react-app": path.join(APPS, "react-app.tsx"), components: path.join(APPS, "components.ts") },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    outdir: "/assets",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return Object.fromEntries(result.outputFiles.map((f) => [path.basename(f.path), f.text]));
}
