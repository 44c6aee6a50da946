// Serves the built site once for all browser test files and tells them where it is.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { serveStatic } from "./staticServer.mjs";
import { siteDir } from "./siteDir.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dist = siteDir();
  if (!existsSync(`${dist}/index.html`)) {
    throw new Error(`${dist}/ is missing: run \`npm run build\` before the browser tests (npm test does both).`);
  }
  const server = await serveStatic(dist);
  project.provide("baseUrl", server.url);
  return async () => {
    await server.close();
  };
}
