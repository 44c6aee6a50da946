/**
 * Math for a check-in without KaTeX in the browser. The question is fixed at build time, so every
 * TeX snippet it shows (prompt, answer labels and options, worked solution) is typeset then, with
 * the same KaTeX the lesson's own formulas use, and the island gets a table from TeX to HTML. In
 * the browser the card's renderer looks snippets up; one it has never seen (a grading message that
 * quotes the learner's own number) throws, and renderPrompt then shows the TeX as code — readable,
 * and no 77 kB download for it.
 */
import type { MathRenderer } from "../exercise-ui/renderPrompt.ts";

/** Table key of a snippet: display math and inline math of the same TeX typeset differently. */
export const mathKey = (tex: string, display: boolean) => `${display ? "D" : "I"}${tex}`;

/** A renderer that typesets with `render` and remembers every snippet it was asked for in `table`. */
export function recordingRenderer(render: MathRenderer, table: Record<string, string>): MathRenderer {
  return (tex, display) => {
    const html = render(tex, display);
    table[mathKey(tex, display)] = html;
    return html;
  };
}

/** The browser's renderer: snippets typeset at build time; anything else throws (shown as code). */
export function tableRenderer(table: Readonly<Record<string, string>>): MathRenderer {
  return (tex, display) => {
    const html = table[mathKey(tex, display)];
    if (html === undefined) throw new Error(`No typeset math for ${tex}`);
    return html;
  };
}

/** Every string inside a JSON-like value (part labels, options, ordering items…), depth first. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}
