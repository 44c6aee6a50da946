import { Show, createUniqueId, mergeProps, type JSX } from "solid-js";
import styles from "./shared.module.css";
import "./palette.css";

export type ChartFrameProps = {
  /** viewBox width and height in SVG user units; the SVG scales to its container's width. */
  width: number;
  height: number;
  /** Short name of the chart, read by screen readers (aria-label). */
  label: string;
  /** Longer text alternative: what the chart currently shows, in words (a <desc>, linked). */
  description?: string;
  /**
   * "img" (default) for a chart with nothing focusable inside; "group" when it contains focusable
   * marks, so assistive technology can still reach them.
   */
  role?: "img" | "group";
  /** Set when the chart is dragged: stops touch scrolling on it (pan-y otherwise). */
  draggable?: boolean;
  /** Receives the <svg> element (for pointer-to-data conversion with `svgPoint`). */
  ref?: (element: SVGSVGElement) => void;
  class?: string;
  onPointerDown?: JSX.EventHandlerUnion<SVGSVGElement, PointerEvent>;
  onPointerMove?: JSX.EventHandlerUnion<SVGSVGElement, PointerEvent>;
  onPointerUp?: JSX.EventHandlerUnion<SVGSVGElement, PointerEvent>;
  "data-testid"?: string;
  children?: JSX.Element;
};

/**
 * The outer <svg> of every chart: a viewBox in fixed user units (charts are drawn once at a design
 * size and scale with the page; at 360 px that keeps labels ≥ ~9 px), width 100%, and the accessible
 * name and description. Children draw in viewBox coordinates; use `plotArea` for the margins.
 */
export function ChartFrame(props: ChartFrameProps) {
  const merged = mergeProps({ role: "img" as const, draggable: false }, props);
  const descId = `chart-desc-${createUniqueId()}`;
  return (
    <svg
      ref={(el) => merged.ref?.(el)}
      class={`${styles.frame} ${merged.draggable ? "" : styles.frameScroll} ${merged.class ?? ""}`}
      viewBox={`0 0 ${merged.width} ${merged.height}`}
      preserveAspectRatio="xMidYMid meet"
      role={merged.role}
      aria-label={merged.label}
      aria-describedby={merged.description ? descId : undefined}
      onPointerDown={merged.onPointerDown}
      onPointerMove={merged.onPointerMove}
      onPointerUp={merged.onPointerUp}
      data-testid={merged["data-testid"]}
    >
      <Show when={merged.description}>
        <desc id={descId}>{merged.description}</desc>
      </Show>
      {merged.children}
    </svg>
  );
}

/** The pointer position of `event` in `svg`'s viewBox coordinates (call only from event handlers). */
export function svgPoint(svg: SVGSVGElement, event: { clientX: number; clientY: number }): { x: number; y: number } {
  const matrix = svg.getScreenCTM();
  if (!matrix) return { x: 0, y: 0 };
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  return { x: point.x, y: point.y };
}
