// /oembed/exercise/<family>.json: the oEmbed answer for one exercise family (a fresh exercise).
import type { APIRoute, GetStaticPaths } from "astro";
import { oembedJson } from "../../../lib/embed/index.ts";
import { EXERCISE_EMBED_HEIGHT } from "../../../embed/registry.ts";
import { families } from "../../../../exercises/registry.ts";

export const getStaticPaths = (() =>
  families.map((family) => ({ params: { family: family.id }, props: { id: family.id, title: family.title } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const { id, title } = props as { id: string; title: string };
  const siteBase = new URL(import.meta.env.BASE_URL, site ?? "http://localhost/").href;
  const body = oembedJson({ siteBase, name: `exercise/${id}`, title, height: EXERCISE_EMBED_HEIGHT });
  return new Response(JSON.stringify(body, null, 2), { headers: { "content-type": "application/json" } });
};
