import type { Model } from "./model.ts";

/** One row of a model summary. */
export interface SummaryRow {
  name: string;
  /** Layer kind, or "InputLayer". */
  kind: string;
  /** With the batch axis as null, e.g. [null, 8, 32, 32]. */
  outputShape: (number | null)[];
  params: number;
  /** Names of the nodes feeding this layer (functional models). */
  connectedTo: string[];
}

export interface SummaryData {
  name: string;
  kind: string;
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

/**
 * The numbers behind Keras's model.summary(): per layer its output shape and parameter count
 * (Dense in·out + out, Conv2D kH·kW·C·F + F, BatchNorm 4·C of which 2·C non-trainable), and totals.
 */
export function summaryData(model: Model): SummaryData {
  const rows: SummaryRow[] = [];
  const functional = model.kind !== "Sequential";
  for (const node of model.nodes) {
    if (node.layer === null) {
      if (functional) rows.push({ name: node.name, kind: "InputLayer", outputShape: [null, ...node.shape], params: 0, connectedTo: [] });
      continue;
    }
    if (rows.some((r) => r.name === node.layer!.name)) continue;
    rows.push({
      name: node.layer.name,
      kind: node.layer.kind,
      outputShape: [null, ...node.shape],
      params: node.layer.countParams(),
      connectedTo: node.inputs.map((n) => n.name),
    });
  }
  const size = (ts: { size: number }[]) => ts.reduce((s, t) => s + t.size, 0);
  return {
    name: model.name,
    kind: model.kind,
    rows,
    totalParams: model.countParams(),
    trainableParams: size(model.trainableWeights()),
    nonTrainableParams: size(model.nonTrainableWeights()),
  };
}

/** A Keras-like text table of `summaryData` (fixed-width; "Connected to" for functional models). */
export function summary(model: Model): string {
  const data = summaryData(model);
  const functional = data.kind !== "Sequential";
  const headers = ["Layer (type)", "Output Shape", "Param #", ...(functional ? ["Connected to"] : [])];
  const cells = data.rows.map((r) => [
    `${r.name} (${r.kind})`,
    `(${r.outputShape.map((d) => (d === null ? "None" : String(d))).join(", ")})`,
    r.params.toLocaleString("en-US"),
    ...(functional ? [r.connectedTo.join(", ")] : []),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)) + 2);
  const line = (c: string[]) =>
    c
      .map((s, i) => s.padEnd(widths[i]))
      .join("")
      .trimEnd();
  const total = widths.reduce((a, b) => a + b, 0);
  const fmt = (n: number) => n.toLocaleString("en-US");
  return [
    `Model: "${data.name}"`,
    "_".repeat(total),
    line(headers),
    "=".repeat(total),
    ...cells.map(line),
    "=".repeat(total),
    `Total params: ${fmt(data.totalParams)}`,
    `Trainable params: ${fmt(data.trainableParams)}`,
    `Non-trainable params: ${fmt(data.nonTrainableParams)}`,
    "_".repeat(total),
  ].join("\n");
}
