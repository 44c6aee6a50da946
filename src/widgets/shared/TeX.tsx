import katex from "katex";
import { createMemo, mergeProps } from "solid-js";
import styles from "./shared.module.css";

export type TeXProps = {
  /** Standard LaTeX math (no macros beyond KaTeX's built-ins). */
  tex: string;
  /** Display style on its own line (default) or inline. */
  display?: boolean;
  "data-testid"?: string;
};

/**
 * Live math: typesets `tex` with KaTeX whenever it changes (HTML for the eye plus MathML for screen
 * readers; the layout already loads KaTeX's CSS). Use it for formulas that show the widget's current
 * numbers; static formulas belong in the MDX, typeset at build time. A TeX error shows the source
 * in red instead of throwing.
 */
export function TeX(props: TeXProps) {
  const merged = mergeProps({ display: true }, props);
  const html = createMemo(() =>
    katex.renderToString(merged.tex, { displayMode: merged.display, throwOnError: false, strict: "ignore", output: "htmlAndMathml" }),
  );
  return <div class={styles.tex} data-testid={merged["data-testid"]} innerHTML={html()} />;
}
