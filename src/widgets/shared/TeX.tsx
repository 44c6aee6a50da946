import { createEffect, createSignal, mergeProps, on } from "solid-js";
import styles from "./shared.module.css";

export type TeXProps = {
  /** Standard LaTeX math (no macros beyond KaTeX's built-ins). */
  tex: string;
  /** Display style on its own line (default) or inline. */
  display?: boolean;
  "data-testid"?: string;
};

type Katex = (typeof import("katex"))["default"];

// KaTeX is ≈77 kB of gzipped JavaScript, more than a lesson page's whole budget of widget code. The
// server typesets every formula into the page, so the browser needs KaTeX only once a formula
// *changes* (the learner moves a slider) or one is created after hydration: it is imported then,
// once per page, and until it arrives the previous typeset formula (or the source) stays on screen.
// `import.meta.env.SSR` is a build-time constant, so the client bundle has no static KaTeX import.
const serverKatex: Katex | null = import.meta.env.SSR ? (await import("katex")).default : null;
let clientKatex: Promise<Katex> | null = null;
const [loadedKatex, setLoadedKatex] = createSignal<Katex | null>(null);

function loadKatex(): void {
  clientKatex ??= import("katex").then((m) => {
    setLoadedKatex(() => m.default);
    return m.default;
  });
  // A failed load (offline) is retried on the next change; the source stays visible meanwhile.
  clientKatex.catch(() => (clientKatex = null));
}

/** HTML for the eye plus MathML for screen readers; a TeX error shows the source in red instead of throwing. */
function typeset(katex: Katex, tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: "ignore", output: "htmlAndMathml" });
}

/**
 * Live math: typesets `tex` with KaTeX whenever it changes (the layout already loads KaTeX's CSS).
 * Use it for formulas that show the widget's current numbers; static formulas belong in the MDX,
 * typeset at build time.
 */
export function TeX(props: TeXProps) {
  const merged = mergeProps({ display: true }, props);
  if (serverKatex) {
    return (
      <div
        class={styles.tex}
        data-testid={merged["data-testid"]}
        data-tex={merged.tex}
        data-display={String(merged.display)}
        innerHTML={typeset(serverKatex, merged.tex, merged.display)}
      />
    );
  }
  let el!: HTMLDivElement;
  createEffect(
    on([() => merged.tex, () => merged.display, loadedKatex], ([tex, display, katex]) => {
      // Hydrating a server-typeset formula that is still current: nothing to do, nothing to load.
      if (el.dataset.tex === tex && el.dataset.display === String(display)) return;
      if (katex) {
        el.innerHTML = typeset(katex, tex, display);
        el.dataset.tex = tex;
        el.dataset.display = String(display);
        return;
      }
      if (el.childElementCount === 0) el.textContent = tex;
      loadKatex();
    }),
  );
  return <div ref={el} class={styles.tex} data-testid={merged["data-testid"]} />;
}
