import { createEffect } from "solid-js";
import { paintRgb } from "./raster.ts";

export type RgbTileProps = {
  /** A 64 × 64 image, CHW RGB. */
  image: Float32Array;
  class?: string;
  testid?: string;
};

/** A canvas with a 64 × 64 CHW RGB image (values in [0, 1]), hidden from assistive technology: the caption says what it shows. */
export function RgbTile(props: RgbTileProps) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    if (canvas) paintRgb(canvas, props.image, 64, 64);
  });
  return <canvas ref={canvas} class={props.class} data-testid={props.testid} aria-hidden="true" />;
}
