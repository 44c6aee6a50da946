import { describe, expect, it } from "vitest";
import { IFRAME_SANDBOX, embedSrc, escapeHtml, iframeSnippet, loaderSnippet, oembedJson } from "./snippet.ts";

const input = {
  siteBase: "https://deep-sky.example.org/",
  name: "optimizer-race",
  title: "Optimizer race",
  state: "race.lr=0.1",
  height: 900,
};

describe("snippets", () => {
  it("escapes every character that could end an attribute or start a tag", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("makes a plain iframe with the registry's height, the sandbox and a title", () => {
    expect(iframeSnippet(input)).toBe(
      `<iframe src="https://deep-sky.example.org/embed/optimizer-race/?race.lr=0.1" title="Optimizer race" width="100%" height="900" style="border:0;max-width:100%" loading="lazy" sandbox="${IFRAME_SANDBOX}" allow="clipboard-write"></iframe>`,
    );
  });

  it("puts the plain iframe inside the loader's placeholder, then the loader script", () => {
    const html = loaderSnippet(input);
    expect(html).toContain(
      '<div data-deep-sky-embed="optimizer-race" data-state="race.lr=0.1" data-height="900" data-title="Optimizer race">',
    );
    expect(html).toContain(iframeSnippet(input));
    expect(html.trim().endsWith('<script src="https://deep-sky.example.org/embed.js" async></script>')).toBe(true);
  });

  it("never lets a hostile title or state out of its attribute", () => {
    const hostile = { ...input, title: `"><script>alert(1)</script>`, state: `race.lr="><script>alert(1)</script>&x"=1` };
    for (const html of [iframeSnippet(hostile), loaderSnippet(hostile)]) {
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain(`"><script`);
      expect(html).toContain("&quot;&gt;&lt;script&gt;");
    }
    expect(embedSrc(hostile)).toBe(
      "https://deep-sky.example.org/embed/optimizer-race/?race.lr=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E",
    );
  });

  it("answers oEmbed as a rich type with the iframe as html", () => {
    const json = oembedJson(input);
    expect(json).toMatchObject({
      version: "1.0",
      type: "rich",
      provider_name: "Deep Sky",
      width: 800,
      height: 900,
      title: "Optimizer race",
    });
    expect(json.html).toBe(iframeSnippet(input));
  });
});
