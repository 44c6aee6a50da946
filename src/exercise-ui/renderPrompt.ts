/**
 * Exercise prompts (Markdown + TeX, written by exercise families) → HTML, safely.
 *
 * A deliberately small Markdown subset: paragraphs, **bold**, *italic* (or _italic_), `code`,
 * bulleted and numbered lists, simple pipe tables (with a `|---|` separator row; `--:` right-aligns
 * a column), and lines starting with #'s as bold lead-ins (headings inside a card would upset the
 * page's heading outline). Math: `$…$` inline and `$$…$$` display, through the injected renderer
 * (KaTeX's renderToString in the app; KaTeX escapes what it typesets and, untrusted by default,
 * refuses \href and friends). `\$` is a literal dollar sign.
 *
 * Everything else is text: every character of the input outside math is HTML-escaped, so a
 * prompt can never inject markup, whatever a family (or a seed) puts into it.
 */

/** Typesets TeX; `display` for $$…$$ blocks. May throw on bad TeX (we fall back to code). */
export type MathRenderer = (tex: string, display: boolean) => string;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// Placeholders are built from characters that cannot survive in the input (we strip them first)
// and that HTML-escaping leaves alone.
const OPEN = "\u0001";
const CLOSE = "\u0002";
const token = (i: number) => `${OPEN}${i}${CLOSE}`;
// The placeholders are control characters on purpose: no typed text contains them.
// eslint-disable-next-line no-control-regex
const TOKEN_RE = /\u0001(\d+)\u0002/g;
// eslint-disable-next-line no-control-regex
const ONLY_TOKEN_RE = /^\u0001(\d+)\u0002$/;

type Protected = { html: string; block: boolean };

function protect(source: string, renderMath: MathRenderer): { text: string; saved: Protected[] } {
  const saved: Protected[] = [];
  const keep = (html: string, block = false) => {
    saved.push({ html, block });
    return token(saved.length - 1);
  };
  const math = (tex: string, display: boolean) => {
    try {
      return keep(renderMath(tex.trim(), display), display);
    } catch {
      return keep(`<code>${escapeHtml(display ? `$$${tex}$$` : `$${tex}$`)}</code>`, display);
    }
  };
  // eslint-disable-next-line no-control-regex
  let text = source.replace(/[\u0001\u0002]/g, "");
  text = text.replace(/\\\$/g, () => keep("$"));
  text = text.replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => math(tex, true));
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`<code>${escapeHtml(code)}</code>`));
  text = text.replace(/\$([^$\n]+?)\$/g, (_m, tex: string) => math(tex, false));
  return { text, saved };
}

/** Bold and italic on already-escaped text. */
function inline(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, "$1<em>$2</em>")
    .replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?![_\w])/g, "$1<em>$2</em>");
}

const BULLET = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

function table(lines: string[]): string {
  const head = cells(lines[0]!);
  const right = cells(lines[1]!).map((c) => /-:$/.test(c));
  const cls = (i: number) => (right[i] ? ' class="num"' : "");
  const body = lines.slice(2).map(
    (row) =>
      `<tr>${cells(row)
        .map((c, i) => `<td${cls(i)}>${inline(c)}</td>`)
        .join("")}</tr>`,
  );
  return (
    `<div class="scroll-x"><table><thead><tr>${head.map((c, i) => `<th scope="col"${cls(i)}>${inline(c)}</th>`).join("")}</tr></thead>` +
    `<tbody>${body.join("")}</tbody></table></div>`
  );
}

function block(lines: string[], saved: readonly Protected[]): string {
  const joined = lines.join("\n").trim();
  const only = ONLY_TOKEN_RE.exec(joined);
  if (only && saved[Number(only[1])]!.block) return joined; // a display formula: no <p> around it
  if (lines.length >= 2 && lines.every((l) => TABLE_ROW.test(l) || TABLE_RULE.test(l)) && TABLE_RULE.test(lines[1]!)) return table(lines);
  if (lines.every((l) => BULLET.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.replace(BULLET, ""))}</li>`).join("")}</ul>`;
  if (lines.every((l) => NUMBERED.test(l))) return `<ol>${lines.map((l) => `<li>${inline(l.replace(NUMBERED, ""))}</li>`).join("")}</ol>`;
  const heading = /^#{1,6}\s+(.*)$/.exec(joined);
  if (heading && lines.length === 1) return `<p class="lead-in"><strong>${inline(heading[1]!)}</strong></p>`;
  return `<p>${inline(lines.map((l) => l.trim()).join(" "))}</p>`;
}

/** The prompt as HTML (a sequence of block elements). */
export function renderPrompt(markdown: string, renderMath: MathRenderer): string {
  const { text, saved } = protect(markdown.replace(/\r\n?/g, "\n"), renderMath);
  const escaped = escapeHtml(text);
  // A display formula always stands as its own block, even when written inside a paragraph.
  const spaced = escaped.replace(TOKEN_RE, (m, i: string) => (saved[Number(i)]!.block ? `\n\n${m}\n\n` : m));
  const blocks = spaced
    .split(/\n\s*\n/)
    .map((b) => b.split("\n").filter((l) => l.trim() !== ""))
    .filter((b) => b.length > 0);
  const html = blocks.map((b) => block(b, saved)).join("\n");
  return html.replace(TOKEN_RE, (_m, i: string) => saved[Number(i)]!.html);
}

/** A one-line label (a part's label, a choice option) as inline HTML: no paragraph around it. */
export function renderInline(markdown: string, renderMath: MathRenderer): string {
  const html = renderPrompt(markdown, renderMath);
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes("<p>") ? single[1]! : html;
}
