/**
 * Parameter counts of the layer types the course uses. src/lib/nn (Sequential.summary) is being
 * written; until it exists these small pure functions are the single place the formulas live.
 * Switch the families to the engine's summary once it lands (see the report).
 */

/** Dense(nIn → nOut): a weight per (input, output) pair plus one bias per output: nIn·nOut + nOut. */
export function denseParams(nIn: number, nOut: number): number {
  return nIn * nOut + nOut;
}

/** Conv2D with `filters` k×k filters over `channels` input channels: k·k·channels per filter plus a bias each. */
export function conv2dParams(kernel: number, channels: number, filters: number): number {
  return kernel * kernel * channels * filters + filters;
}
