import { describe, expect, it } from "vitest";
import { renderInline, renderPrompt } from "../exercise-ui/renderPrompt.ts";
import { mathKey, recordingRenderer, stringsIn, tableRenderer } from "./checkInMath.ts";

const fake = (tex: string, display: boolean) => `<m${display ? " d" : ""}>${tex}</m>`;

describe("check-in math typeset at build time", () => {
  it("gives the browser the same HTML for every snippet seen at build time", () => {
    const table: Record<string, string> = {};
    const prompt = "Compute $z = w x + b$ and then $$\\sigma(z)$$";
    const built = renderPrompt(prompt, recordingRenderer(fake, table));
    expect(Object.keys(table).sort()).toEqual([mathKey("\\sigma(z)", true), mathKey("z = w x + b", false)].sort());
    expect(renderPrompt(prompt, tableRenderer(table))).toBe(built);
  });

  it("shows a snippet it never saw as code instead of failing", () => {
    const html = renderInline("You entered $0.731$", tableRenderer({}));
    expect(html).toContain("<code>$0.731$</code>");
  });

  it("finds every string in part views (labels, options, items)", () => {
    const parts = [{ id: "a", label: "$y$", options: [{ id: "o", label: "$x^2$" }], items: [{ id: "i", label: "step" }], kind: "choice" }];
    expect(stringsIn(parts)).toEqual(["a", "$y$", "o", "$x^2$", "i", "step", "choice"]);
  });
});
