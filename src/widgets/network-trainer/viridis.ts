// d3's viridis ramp on its own module, so that the trainer can fetch it (with d3-color) only when a
// regression surface needs it.
export { interpolateViridis } from "d3";
