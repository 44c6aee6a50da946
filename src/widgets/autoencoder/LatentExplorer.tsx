import { For, Show, createMemo } from "solid-js";
import { formatNumber } from "../shared/chartLayout.ts";
import { classCentres, mapBounds, nearestGalaxy } from "./autoencoderModel.ts";
import type { LatentMap } from "./autoencoderModel.ts";
import { RgbTile } from "../shared/RgbTile.tsx";
import styles from "./autoencoder.module.css";

const CLASS_COLOURS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];
/** The map's size in SVG user units. */
const W = 480;
const H = 360;

export type LatentExplorerProps = {
  /** The latent map; the panel shows a placeholder until it has loaded. */
  map: LatentMap | null;
  /** The explorer point in map coordinates, or null before the map has loaded. */
  point: readonly [number, number] | null;
  /** The decoder's drawing at the point. */
  explored: Float32Array | null;
  /** Moves the point to (x, y) in map coordinates, already clamped to the map's bounds. */
  onMove: (x: number, y: number) => void;
  /** Jumps to held-out galaxy `index` of the map. */
  onSnap: (index: number) => void;
};

/**
 * Panel 2: the held-out galaxies' codes on their first two principal components, with a point the
 * learner drags (or moves with the keyboard) and the decoder's drawing at that point.
 */
export function LatentExplorer(props: LatentExplorerProps) {
  const bounds = createMemo(() => {
    const m = props.map;
    return m ? mapBounds(m) : ([-1, 1, -1, 1] as [number, number, number, number]);
  });
  const toSvg = (x: number, y: number): [number, number] => {
    const [x0, x1, y0, y1] = bounds();
    return [((x - x0) / (x1 - x0)) * W, H - ((y - y0) / (y1 - y0)) * H];
  };
  const fromSvg = (px: number, py: number): [number, number] => {
    const [x0, x1, y0, y1] = bounds();
    return [x0 + (px / W) * (x1 - x0), y0 + ((H - py) / H) * (y1 - y0)];
  };
  const moveTo = (x: number, y: number) => {
    const [x0, x1, y0, y1] = bounds();
    props.onMove(Math.max(x0, Math.min(x1, x)), Math.max(y0, Math.min(y1, y)));
  };
  const snapToNearest = () => {
    const m = props.map;
    const p = props.point;
    if (!m || !p) return;
    props.onSnap(nearestGalaxy(m, p[0], p[1]));
  };

  let svg: SVGSVGElement | undefined;
  let dragging = false;
  const eventPoint = (e: PointerEvent): [number, number] => {
    const r = svg!.getBoundingClientRect();
    return fromSvg(((e.clientX - r.left) / r.width) * W, ((e.clientY - r.top) / r.height) * H);
  };
  const onPointerDown = (e: PointerEvent) => {
    if (!svg) return;
    dragging = true;
    svg.setPointerCapture(e.pointerId);
    const [x, y] = eventPoint(e);
    moveTo(x, y);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!dragging) return;
    const [x, y] = eventPoint(e);
    moveTo(x, y);
  };
  const onPointerUp = (e: PointerEvent) => {
    dragging = false;
    svg?.releasePointerCapture(e.pointerId);
  };
  const onHandleKey = (e: KeyboardEvent) => {
    const p = props.point;
    if (!p) return;
    const [x0, x1, y0, y1] = bounds();
    // Arrow keys step 2.5% of the map's width or height; Shift steps 10%.
    const f = e.shiftKey ? 0.1 : 0.025;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-(x1 - x0) * f, 0],
      ArrowRight: [(x1 - x0) * f, 0],
      ArrowUp: [0, (y1 - y0) * f],
      ArrowDown: [0, -(y1 - y0) * f],
    };
    if (moves[e.key]) {
      moveTo(p[0] + moves[e.key][0], p[1] + moves[e.key][1]);
      e.preventDefault();
    } else if (e.key === "Enter" || e.key === " ") {
      snapToNearest();
      e.preventDefault();
    }
  };

  const nearestText = () => {
    const m = props.map;
    const p = props.point;
    if (!m || !p) return "";
    const g = m.galaxies[nearestGalaxy(m, p[0], p[1])];
    return `nearest galaxy: a${/^[aeiou]/.test(m.classes[g.class]) ? "n" : ""} ${m.classes[g.class]} (n ${formatNumber(g.sersicN, 1)}, b/a ${formatNumber(g.axisRatio, 2)}, r_e ${formatNumber(g.effectiveRadius, 1)} px)`;
  };
  const mapDescription = () => {
    const m = props.map;
    if (!m) return "";
    const parts = classCentres(m).map((c) => `${c.name}s (${c.count}) centred near (${formatNumber(c.x, 1)}, ${formatNumber(c.y, 1)})`);
    return `Scatter plot of the latent codes of ${m.galaxies.length} held-out galaxies projected on their first two principal components (${formatNumber(m.pca.explained[0] * 100, 0)} % and ${formatNumber(m.pca.explained[1] * 100, 0)} % of the variance): ${parts.join("; ")}.`;
  };

  return (
    <section class={styles.section} aria-labelledby="ae-map-title">
      <h3 class={styles.title} id="ae-map-title">
        2. Walk the latent space
      </h3>
      <p class={styles.note}>
        Each dot is one held-out galaxy's 16-number code, flattened onto the two directions along which the codes vary most (principal
        components). Drag the ring (or focus it and use the arrow keys, Shift for big steps; Enter jumps to the nearest galaxy) and the
        decoder draws the galaxy at that point.
      </p>
      <Show when={props.map} fallback={<p class={styles.note}>The map appears once the autoencoder has started.</p>}>
        {(m) => (
          <div class={styles.explorer}>
            <div>
              <svg
                ref={svg}
                class={styles.map}
                viewBox={`0 0 ${W} ${H}`}
                data-testid="ae-map"
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerUp}
              >
                <title>Latent map</title>
                <desc>{mapDescription()}</desc>
                <For each={m().galaxies}>
                  {(g) => {
                    const [x, y] = toSvg(g.xy[0], g.xy[1]);
                    return <circle cx={x} cy={y} r="3.2" fill={CLASS_COLOURS[g.class]} fill-opacity="0.75" />;
                  }}
                </For>
                <Show when={props.point}>
                  {(p) => {
                    const xy = () => toSvg(p()[0], p()[1]);
                    return (
                      <g
                        class={styles.handle}
                        tabindex="0"
                        role="slider"
                        aria-label="Point in the latent map: arrow keys move it, Enter jumps to the nearest galaxy"
                        aria-valuemin={Math.round(bounds()[0] * 100) / 100}
                        aria-valuemax={Math.round(bounds()[1] * 100) / 100}
                        aria-valuenow={Math.round(p()[0] * 100) / 100}
                        aria-valuetext={`x ${formatNumber(p()[0], 2)}, y ${formatNumber(p()[1], 2)}; ${nearestText()}`}
                        data-testid="ae-handle"
                        onKeyDown={onHandleKey}
                      >
                        <circle cx={xy()[0]} cy={xy()[1]} r="11" fill="none" stroke="var(--fg)" stroke-width="3" />
                        <circle cx={xy()[0]} cy={xy()[1]} r="3" fill="var(--fg)" />
                      </g>
                    );
                  }}
                </Show>
              </svg>
              <ul class={styles.legend} aria-label="Colours of the classes">
                <For each={m().classes}>
                  {(name, c) => (
                    <li>
                      <span class={styles.swatch} style={{ background: CLASS_COLOURS[c()] }} aria-hidden="true" />
                      {name}
                    </li>
                  )}
                </For>
              </ul>
              <p class="visually-hidden">{mapDescription()}</p>
            </div>
            <div class={styles.decoded}>
              <Show when={props.explored}>{(image) => <RgbTile image={image()} class={styles.bigImage} testid="ae-explored" />}</Show>
              <p class={styles.note} aria-live="polite" data-testid="ae-explorer-text">
                Decoded at ({formatNumber(props.point?.[0] ?? 0, 2)}, {formatNumber(props.point?.[1] ?? 0, 2)}); {nearestText()}.
              </p>
              <button type="button" class={styles.secondary} data-action="snap" onClick={snapToNearest}>
                Jump to the nearest galaxy
              </button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
