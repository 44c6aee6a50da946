// /embed.js: the embed loader (src/embed/loader.ts), bundled and minified at build time.
import type { APIRoute } from "astro";
import { buildLoader } from "../embed/buildLoader.ts";

export const GET: APIRoute = async () =>
  new Response(await buildLoader(), { headers: { "content-type": "text/javascript; charset=utf-8" } });
