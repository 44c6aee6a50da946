// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import solid from "@astrojs/solid-js";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";

// A fully static site: every page is prerendered; interactive parts are Solid islands.
// Math is typeset at build time by KaTeX (remark-math + rehype-katex, which Astro 7 runs through
// @astrojs/markdown-remark), so lessons ship no math JavaScript.
export default defineConfig({
  site: "https://deep-sky.example.org",
  output: "static",
  trailingSlash: "ignore",
  integrations: [mdx(), solid()],
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { strict: "error", throwOnError: true }]],
  },
  devToolbar: { enabled: false },
});
