import { describe, expect, it } from "vitest";
import { GLOSSARY } from "../course/glossary.ts";
import { rehypeGlossaryLinks, type GlossaryTerm } from "./rehypeGlossaryLinks.ts";

interface Node {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
}

const text = (value: string): Node => ({ type: "text", value });
const el = (tagName: string, children: (Node | string)[], className?: string[]): Node => ({
  type: "element",
  tagName,
  properties: className ? { className } : {},
  children: children.map((c) => (typeof c === "string" ? text(c) : c)),
});
const root = (...children: Node[]): Node => ({ type: "root", children });

/** The tree as text, with each glossary link written [words](href). */
function show(node: Node): string {
  if (node.type === "text") return node.value ?? "";
  const inner = (node.children ?? []).map(show).join("");
  if (node.tagName === "a" && (node.properties?.className as string[] | undefined)?.includes("glossary-link"))
    return `[${inner}](${String(node.properties?.href)})`;
  return node.tagName && node.type === "element" ? `<${node.tagName}>${inner}</${node.tagName}>` : inner;
}

const TERMS: GlossaryTerm[] = [
  { id: "gradient", forms: ["gradients", "gradient"] },
  { id: "gradient-descent", forms: ["gradient descent"] },
  { id: "weight", forms: ["weights", "weight"] },
  { id: "adam", forms: ["Adam"] },
  { id: "learning-rate", forms: ["learning rate"] },
];

function link(tree: Node, terms: readonly GlossaryTerm[] = TERMS): string {
  rehypeGlossaryLinks({ terms, href: (id) => `/glossary/#${id}` })(tree);
  return show(tree);
}

describe("rehypeGlossaryLinks", () => {
  it("links only the first use of each term in the document", () => {
    const tree = root(el("p", ["Each weight moves; every weight moves again."]), el("p", ["The weights settle."]));
    expect(link(tree)).toBe("<p>Each [weight](/glossary/#weight) moves; every weight moves again.</p><p>The weights settle.</p>");
  });

  it("never links inside headings, code, math or existing links, and a use there does not count as the first", () => {
    const tree = root(
      el("h2", ["Gradient and weight"]),
      el("p", [el("code", ["weight = 1"]), " and ", el("span", ["gradient"], ["katex"]), " and ", el("a", ["a weight link"])]),
      el("pre", [el("code", ["gradient"])]),
      el("p", [el("code", ["x"], ["language-math", "math-inline"]), " then the gradient and the weight."]),
    );
    expect(link(tree)).toBe(
      "<h2>Gradient and weight</h2><p><code>weight = 1</code> and <span>gradient</span> and <a>a weight link</a></p><pre><code>gradient</code></pre>" +
        "<p><code>x</code> then the [gradient](/glossary/#gradient) and the [weight](/glossary/#weight).</p>",
    );
  });

  it("skips MDX components (their children are props, not prose)", () => {
    const tree = root({ type: "mdxJsxFlowElement", children: [el("p", ["a weight"])] }, el("p", ["one weight"]));
    expect(link(tree)).toBe("<p>a weight</p><p>one [weight](/glossary/#weight)</p>");
  });

  it("prefers the longer term where two overlap, and still links the shorter one at its own first use", () => {
    const tree = root(el("p", ["Gradient descent follows the gradient."]));
    expect(link(tree)).toBe("<p>[Gradient descent](/glossary/#gradient-descent) follows the [gradient](/glossary/#gradient).</p>");
  });

  it("matches whole words only, across a line break, in any case for lower-case forms and exactly for capitalised ones", () => {
    const tree = root(el("p", ["A weighted sum; adam is not Adam; the Learning\nrate matters."]));
    expect(link(tree)).toBe(
      "<p>A weighted sum; adam is not [Adam](/glossary/#adam); the [Learning\nrate](/glossary/#learning-rate) matters.</p>",
    );
  });

  it("does not count a form inside one of the term's excluded phrases, and links its next use", () => {
    const terms: GlossaryTerm[] = [{ id: "gradient", forms: ["gradients", "gradient"], exclude: ["colour gradients"] }];
    const tree = root(el("p", ["Edges and colour gradients first; then the gradient of the loss."]));
    expect(link(tree, terms)).toBe("<p>Edges and colour gradients first; then the [gradient](/glossary/#gradient) of the loss.</p>");
  });

  it("links inside emphasis, keeping the emphasis around the link", () => {
    const tree = root(el("p", ["Its ", el("strong", ["weights"]), " change."]));
    expect(link(tree)).toBe("<p>Its <strong>[weights](/glossary/#weight)</strong> change.</p>");
  });

  it("every glossary entry has a unique anchor, at least one form, and no form shared with another entry", () => {
    const ids = GLOSSARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of GLOSSARY) expect(entry.id).toMatch(/^[a-z0-9-]+$/);
    const forms = GLOSSARY.flatMap((e) => e.forms.map((f) => f.toLowerCase()));
    expect(new Set(forms).size).toBe(forms.length);
    expect(GLOSSARY.every((e) => e.forms.length > 0)).toBe(true);
  });

  it("the course's own term list links a neuron paragraph as the lesson reads", () => {
    const tree = root(
      el("p", ["The neuron multiplies each input by its own ", el("strong", ["weight"]), " and adds the ", el("strong", ["bias"]), "."]),
    );
    expect(link(tree, GLOSSARY)).toBe(
      "<p>The [neuron](/glossary/#neuron) multiplies each input by its own <strong>[weight](/glossary/#weight)</strong> and adds the <strong>[bias](/glossary/#bias)</strong>.</p>",
    );
  });
});
