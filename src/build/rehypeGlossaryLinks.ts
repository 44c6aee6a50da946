/**
 * Links the first use of each glossary term in a lesson to its entry on the glossary page, at build
 * time, so lesson MDX stays free of hand-made links (terms: src/course/glossary.ts).
 *
 * "First use" is in reading order, counting only running text: words inside headings, links, code,
 * math (KaTeX output and remark-math's nodes), SVG, buttons and MDX components are never linked and
 * never count, so a term first met in a heading is linked where the text first uses it. Each term is
 * linked once per document; where two terms' forms overlap at one place, the longer wins
 * ("gradient descent" over "gradient").
 */
interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

export interface GlossaryTerm {
  id: string;
  /** Whole-word forms; one with a capital matches only as written, a lower-case one in any case. */
  forms: readonly string[];
}

export interface GlossaryLinkOptions {
  terms: readonly GlossaryTerm[];
  /** The link for a term id, e.g. (id) => `/glossary/#${id}`. */
  href: (id: string) => string;
}

const SKIPPED_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "button", "label", "textarea", "select"]);

function isSkipped(node: HastNode): boolean {
  if (node.type !== "element") return node.type !== "root";
  if (SKIPPED_TAGS.has(node.tagName ?? "")) return true;
  const className = node.properties?.className;
  const classes = Array.isArray(className) ? className.map(String) : typeof className === "string" ? className.split(/\s+/) : [];
  return classes.some((c) => c === "katex" || c === "katex-display" || c.startsWith("math") || c === "language-math");
}

interface FormPattern {
  id: string;
  pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A whole-word pattern: no letter, digit or hyphen on either side; any run of spaces/newlines between words. */
function formPattern(form: string): RegExp {
  const body = form.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${body}(?![\\p{L}\\p{N}_-])`, /\p{Lu}/u.test(form) ? "u" : "iu");
}

export function rehypeGlossaryLinks(options: GlossaryLinkOptions) {
  const patterns: FormPattern[] = options.terms.flatMap((term) => term.forms.map((form) => ({ id: term.id, pattern: formPattern(form) })));
  return (tree: HastNode) => {
    const linked = new Set<string>();

    /** The earliest use of a not-yet-linked term in `text` (longest on a tie), or null. */
    const firstUse = (text: string): { id: string; index: number; length: number } | null => {
      let best: { id: string; index: number; length: number } | null = null;
      for (const { id, pattern } of patterns) {
        if (linked.has(id)) continue;
        const match = pattern.exec(text);
        if (!match) continue;
        if (!best || match.index < best.index || (match.index === best.index && match[0].length > best.length))
          best = { id, index: match.index, length: match[0].length };
      }
      return best;
    };

    /** The text node split around every first use it holds. */
    const linkText = (value: string): HastNode[] => {
      const out: HastNode[] = [];
      let rest = value;
      for (let use = firstUse(rest); use; use = firstUse(rest)) {
        linked.add(use.id);
        if (use.index > 0) out.push({ type: "text", value: rest.slice(0, use.index) });
        out.push({
          type: "element",
          tagName: "a",
          properties: { href: options.href(use.id), className: ["glossary-link"] },
          children: [{ type: "text", value: rest.slice(use.index, use.index + use.length) }],
        });
        rest = rest.slice(use.index + use.length);
      }
      if (rest) out.push({ type: "text", value: rest });
      return out;
    };

    const visit = (node: HastNode) => {
      if (!node.children) return;
      node.children = node.children.flatMap((child) => {
        if (child.type === "text" && child.value) return linkText(child.value);
        if (!isSkipped(child)) visit(child);
        return [child];
      });
    };
    if (!isSkipped(tree)) visit(tree);
  };
}
