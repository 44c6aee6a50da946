/**
 * Bundles src/embed/loader.ts (with the pure parts of src/lib/embed it uses) into one minified
 * classic script: /embed.js is served by src/pages/embed.js.ts from this at build time, so the
 * loader has one source of truth and nothing is copied into public/. Runs in Node only.
 */
import { dirname, resolve } from "node:path";
import { build } from "vite";

/** The loader's source, found from the project root (Astro builds and tests run there). */
export const LOADER_ENTRY = resolve(process.cwd(), "src/embed/loader.ts");

type Output = { output: { type: string; code?: string }[] };

export async function buildLoader(entry = LOADER_ENTRY): Promise<string> {
  const result = (await build({
    configFile: false,
    envFile: false,
    publicDir: false,
    logLevel: "silent",
    root: dirname(entry),
    build: {
      write: false,
      minify: true,
      target: "es2020",
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry, formats: ["iife"], name: "DeepSkyEmbedLoader", fileName: () => "embed.js" },
    },
  })) as Output | Output[];
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === "chunk" && o.code);
  if (!chunk?.code) throw new Error("buildLoader: the bundle has no code");
  return chunk.code;
}
