import { createEffect } from "solid-js";
import { paintGrey } from "../shared/raster.ts";

export type GreyTileProps = {
  /** A 64 × 64 map, row-major. */
  values: Float32Array;
  /** The value drawn white; 0 is black. */
  hi: number;
  class?: string;
  testid?: string;
};

/** A canvas with a grey H × W map on a fixed scale. */
export function GreyTile(props: GreyTileProps) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    if (canvas) paintGrey(canvas, props.values, 64, 64, 0, props.hi);
  });
  return <canvas ref={canvas} class={props.class} data-testid={props.testid} aria-hidden="true" />;
}
