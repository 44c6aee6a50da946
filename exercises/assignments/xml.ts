/**
 * XML text for the LMS exports: escaping, and exercise prompts (our Markdown + TeX subset) as plain
 * XHTML with TeX left for the LMS's MathJax (\( … \) inline, \[ … \] display). Every character that
 * comes from a family or an instructor is escaped; nothing is passed through as markup.
 */

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text or attribute value, escaped (quotes too, so it is safe in either place). */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Inline Markdown (already split from math) → escaped XHTML. */
function inlineHtml(text: string): string {
  const pieces: string[] = [];
  // Math and code first, so their content is never read as Markdown.
  const pattern = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$|`([^`\n]+)`/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    pieces.push(emphasis(escapeXml(text.slice(last, m.index))));
    if (m[1] !== undefined) pieces.push(escapeXml(`\\[${m[1].trim()}\\]`));
    else if (m[2] !== undefined) pieces.push(escapeXml(`\\(${m[2].trim()}\\)`));
    else pieces.push(`<code>${escapeXml(m[3]!)}</code>`);
    last = m.index + m[0].length;
  }
  pieces.push(emphasis(escapeXml(text.slice(last))));
  return pieces.join("").replace(/\\\$/g, "$");
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, "$1<em>$2</em>");
}

/** Markdown + TeX prompt → XHTML blocks (paragraphs, lists, pipe tables). */
export function promptToXhtml(markdown: string): string {
  const blocks = markdown.replace(/\r\n?/g, "\n").split(/\n\s*\n/);
  return blocks
    .map((block) => {
      const lines = block.split("\n").filter((l) => l.trim() !== "");
      if (lines.length === 0) return "";
      if (lines.every((l) => /^\s*\|/.test(l))) {
        const rows = lines.filter((l) => !/^\s*\|?\s*:?-{2,}/.test(l));
        const cells = (l: string) =>
          l
            .trim()
            .replace(/^\||\|$/g, "")
            .split("|")
            .map((c) => c.trim());
        const [head, ...body] = rows;
        const th = cells(head)
          .map((c) => `<th>${inlineHtml(c)}</th>`)
          .join("");
        const tds = body
          .map(
            (r) =>
              `<tr>${cells(r)
                .map((c) => `<td>${inlineHtml(c)}</td>`)
                .join("")}</tr>`,
          )
          .join("");
        return `<table><thead><tr>${th}</tr></thead><tbody>${tds}</tbody></table>`;
      }
      if (lines.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l))) {
        const tag = /^\s*\d+\./.test(lines[0]) ? "ol" : "ul";
        return `<${tag}>${lines.map((l) => `<li>${inlineHtml(l.replace(/^\s*([-*]|\d+\.)\s+/, ""))}</li>`).join("")}</${tag}>`;
      }
      return `<p>${lines.map((l) => inlineHtml(l.replace(/^#+\s*/, ""))).join("<br/>")}</p>`;
    })
    .filter(Boolean)
    .join("\n");
}

/** One line of Markdown (a part label, an option) → inline XHTML. */
export function inlineToXhtml(markdown: string): string {
  return inlineHtml(markdown.replace(/\s*\n\s*/g, " "));
}

/** Markdown → plain text (for names and Moodle's cloze answers, which are not HTML). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\$\$?|\*\*|`/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
