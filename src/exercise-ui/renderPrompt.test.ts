import katex from "katex";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderInline, renderPrompt } from "./renderPrompt.ts";

/** A stand-in renderer that shows exactly what it was given. */
const fake = (tex: string, display: boolean) => `[${display ? "D" : "I"}:${tex}]`;
const real = (tex: string, display: boolean) => katex.renderToString(tex, { displayMode: display, throwOnError: true });

describe("renderPrompt", () => {
  it("wraps text in paragraphs split by blank lines", () => {
    expect(renderPrompt("One\nline.\n\nTwo.", fake)).toBe("<p>One line.</p>\n<p>Two.</p>");
  });

  it("escapes every HTML character outside math, so prompts cannot inject markup", () => {
    const html = renderPrompt(`<script>alert("x")</script> & <img src=x onerror='y'>`, fake);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;y&#39;&gt;");
    expect(escapeHtml(`<"'&>`)).toBe("&lt;&quot;&#39;&amp;&gt;");
  });

  it("renders bold, italic and code", () => {
    expect(renderPrompt("a **bold** and *it* and _it2_ and `x < 1`", fake)).toBe(
      "<p>a <strong>bold</strong> and <em>it</em> and <em>it2</em> and <code>x &lt; 1</code></p>",
    );
  });

  it("leaves lone asterisks, underscores in names and products alone", () => {
    expect(renderPrompt("2 * 3 * 4 and snake_case_name", fake)).toBe("<p>2 * 3 * 4 and snake_case_name</p>");
  });

  it("typesets inline and display math through the renderer, and never treats code as math", () => {
    expect(renderPrompt("Let $x^2$ be.\n\n$$\\sum_i a_i$$\n\nand `$HOME`", fake)).toBe(
      "<p>Let [I:x^2] be.</p>\n[D:\\sum_i a_i]\n<p>and <code>$HOME</code></p>",
    );
  });

  it("lifts display math out of a paragraph into its own block", () => {
    expect(renderPrompt("Compute $$y = wx$$ now.", fake)).toBe("<p>Compute</p>\n[D:y = wx]\n<p>now.</p>");
  });

  it("does not escape what the math renderer returns, but passes it the raw TeX", () => {
    expect(renderPrompt("$a < b$", fake)).toBe("<p>[I:a < b]</p>");
  });

  it("reads \\$ as a dollar sign", () => {
    expect(renderPrompt("It costs \\$5 and \\$6.", fake)).toBe("<p>It costs $5 and $6.</p>");
  });

  it("shows bad TeX as code rather than failing", () => {
    const html = renderPrompt("Bad $\\frac{1$ here", real);
    expect(html).toContain("<code>$\\frac{1$</code>");
  });

  it("renders bulleted and numbered lists", () => {
    expect(renderPrompt("- one\n- **two**", fake)).toBe("<ul><li>one</li><li><strong>two</strong></li></ul>");
    expect(renderPrompt("1. first\n2. second", fake)).toBe("<ol><li>first</li><li>second</li></ol>");
  });

  it("renders a pipe table with header cells and right-aligned numeric columns", () => {
    const html = renderPrompt("| Survey | TB |\n| :-- | --: |\n| SDSS | $50$ |\n| <b> | 1 |", fake);
    expect(html).toBe(
      '<div class="scroll-x"><table><thead><tr><th scope="col">Survey</th><th scope="col" class="num">TB</th></tr></thead>' +
        '<tbody><tr><td>SDSS</td><td class="num">[I:50]</td></tr><tr><td>&lt;b&gt;</td><td class="num">1</td></tr></tbody></table></div>',
    );
  });

  it("turns a heading line into a bold lead-in paragraph", () => {
    expect(renderPrompt("## Data", fake)).toBe('<p class="lead-in"><strong>Data</strong></p>');
  });

  it("produces KaTeX markup with the real renderer", () => {
    const html = renderPrompt("Energy $E = mc^2$.\n\n$$\\int_0^1 x\\,dx$$", real);
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
  });

  it("strips control characters that could forge placeholders", () => {
    expect(renderPrompt("a\u00010\u0002b $x$", fake)).toBe("<p>a0b [I:x]</p>");
  });
});

describe("renderInline", () => {
  it("drops the paragraph around a one-line label", () => {
    expect(renderInline("$y$ in **m**", fake)).toBe("[I:y] in <strong>m</strong>");
  });
  it("keeps blocks when the label has several", () => {
    expect(renderInline("a\n\nb", fake)).toBe("<p>a</p>\n<p>b</p>");
  });
});
