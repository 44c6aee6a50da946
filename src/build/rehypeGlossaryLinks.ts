/**
 * Links the first use of each glossary term in a lesson to its entry on the glossary page, at build
 * time, so lesson MDX stays free of hand-made links (terms: src/course/glossary.ts).
 *
 * "First use" is in reading order, counting only running text: words inside headings, links, code,
 * math (KaTeX output and remark-math's nodes), SVG, buttons and MDX components are never linked and
 * never count, so a term first met in a heading is linked where the text first uses it. Each term is
 * linked once per document; where two terms' forms overlap at one place, the longer wins
 * ("gradient descent" over "gradient"), and a form inside one of its term's excluded phrases is
 * another sense of the word ("colour gradients", "a steep learning curve") and does not count.
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
  /** Phrases in which a form means something else ("colour gradients"): a match inside one is no use of the term. */
  exclude?: readonly string[];
}

export interface GlossaryLinkOptions {
  terms: readonly GlossaryTerm[];
  /** The link for a term id, e.g. (id) => `/glossary/#${id}`. */
  href: (id: string) => string;
}

const SKIPPED_TAGS = new Set([
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "a",
  "code",
  "pre",
  "kbd",
  "samp",
  "script",
  "style",
  "svg",
  "math",
  "button",
  "label",
  "textarea",
  "select",
]);

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
  exclude: readonly RegExp[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A whole-word pattern: no letter, digit or hyphen on either side; any run of spaces/newlines between words. */
function formPattern(form: string): RegExp {
  const body = form.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${body}(?![\\p{L}\\p{N}_-])`, /\p{Lu}/u.test(form) ? "gu" : "giu");
}

/** Where `pattern` matches in `text`, as [start, end) ranges. */
function ranges(pattern: RegExp, text: string): [number, number][] {
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);
}

/** The first match of a form in `text` that lies in none of the excluded phrases. */
function firstMatch({ pattern, exclude }: FormPattern, text: string): { index: number; length: number } | null {
  const excluded = exclude.flatMap((phrase) => ranges(phrase, text));
  for (const [start, end] of ranges(pattern, text)) {
    if (!excluded.some(([from, to]) => start < to && end > from)) return { index: start, length: end - start };
  }
  return null;
}

export function rehypeGlossaryLinks(options: GlossaryLinkOptions) {
  const patterns: FormPattern[] = options.terms.flatMap((term) => {
    const exclude = (term.exclude ?? []).map(formPattern);
    return term.forms.map((form) => ({ id: term.id, pattern: formPattern(form), exclude }));
  });
  return (tree: HastNode) => {
    const linked = new Set<string>();

    /** The earliest use of a not-yet-linked term in `text` (longest on a tie), or null. */
    const firstUse = (text: string): { id: string; index: number; length: number } | null => {
      let best: { id: string; index: number; length: number } | null = null;
      for (const form of patterns) {
        if (linked.has(form.id)) continue;
        const match = firstMatch(form, text);
        if (!match) continue;
        if (!best || match.index < best.index || (match.index === best.index && match.length > best.length))
          best = { id: form.id, ...match };
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
