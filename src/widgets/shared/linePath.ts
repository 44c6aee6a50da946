// SVG paths for the charts' lines: what d3-shape's line() with its default linear curve draws (the
// same path text, coordinates rounded to 3 decimals), in a few lines instead of the ≈3.7 kB of gzipped
// d3-shape and d3-path that the trainer's and transfer lesson's charts loaded for it. linePath.test.ts
// checks it against d3.

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The path through `data` at (x(d, i), y(d, i)), "M x,y L x,y …". Where `defined` is false the line
 * breaks and the next defined point starts a new "M"; a lone point between breaks is drawn as "M x,yZ"
 * (as d3 does). No defined point at all gives "" (d3 gives null).
 */
export function linePath<T>(
  data: readonly T[],
  x: (d: T, i: number) => number,
  y: (d: T, i: number) => number,
  defined: (d: T, i: number) => boolean = () => true,
): string {
  let path = "";
  let run = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i < data.length && defined(data[i], i)) {
      path += `${run === 0 ? "M" : "L"}${round(x(data[i], i))},${round(y(data[i], i))}`;
      run++;
    } else {
      if (run === 1) path += "Z";
      run = 0;
    }
  }
  return path;
}
