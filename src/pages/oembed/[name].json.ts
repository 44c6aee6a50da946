// /oembed/<name>.json: the oEmbed 1.0 "rich" answer for an embeddable widget at its default state
// (discovered through the <link rel="alternate" type="application/json+oembed"> of its pages).
import type { APIRoute, GetStaticPaths } from "astro";
import { oembedJson } from "../../lib/embed/index.ts";
import { embeddableWidgets, type EmbeddableWidget } from "../../embed/registry.ts";

export const getStaticPaths = (() =>
  embeddableWidgets.map((widget) => ({ params: { name: widget.name }, props: { widget } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const widget = (props as { widget: EmbeddableWidget }).widget;
  const siteBase = new URL(import.meta.env.BASE_URL, site ?? "http://localhost/").href;
  const body = oembedJson({ siteBase, name: widget.name, title: widget.title, height: widget.height });
  return new Response(JSON.stringify(body, null, 2), { headers: { "content-type": "application/json" } });
};
