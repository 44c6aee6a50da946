/**
 * The backprop stepper's pure model. It builds a 2-2-1 network (sigmoid hidden units, a linear
 * output, the loss E = ½(ŷ − y)² on one sample) out of the engine's scalar float64 ops, runs the
 * engine's own backward pass, and turns the tensors (op, parents, data, grad) into a plain
 * node/link list with a layered layout. The view only draws that list; every value, gradient and
 * local derivative here comes from the engine (local derivatives by running one node's own
 * backward rule with a unit seed), and the finite differences re-run the engine's forward pass.
 */
import { add, mul, noGrad, sigmoid, square, sub, tensor } from "../../lib/autodiff/index.ts";
import type { Tensor } from "../../lib/autodiff/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";
import type { Schema, StateOf } from "../shared/urlState.ts";

/** Inputs, target and trainable parameters, in the order the controls list them. */
export const INPUT_NAMES = ["x1", "x2", "y"] as const;
export const PARAM_NAMES = ["w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "b3"] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type ParamName = (typeof PARAM_NAMES)[number];
export type ValueName = InputName | ParamName;
export type NetworkValues = Record<ValueName, number>;

/** The starting network: ŷ ≈ 0.40 against a target of 1, so every weight has a clear gradient. */
export const DEFAULT_VALUES: NetworkValues = {
  x1: 0.8,
  x2: -0.4,
  y: 1,
  w1: 0.5,
  w2: -0.3,
  w3: 0.9,
  w4: 0.2,
  b1: 0.1,
  b2: -0.2,
  w5: 1.2,
  w6: -0.7,
  b3: 0.05,
};

/** Every node of the graph, by id (leaves first, then ops in the order the forward pass runs). */
export const NODE_IDS = [
  "x1",
  "x2",
  "y",
  "half",
  ...PARAM_NAMES,
  "p1",
  "p2",
  "s1",
  "z1",
  "h1",
  "p3",
  "p4",
  "s2",
  "z2",
  "h2",
  "q1",
  "q2",
  "s3",
  "yhat",
  "r",
  "u",
  "E",
] as const;
export type NodeId = (typeof NODE_IDS)[number];

/** TeX symbol of every node. */
export const NODE_TEX: Record<NodeId, string> = {
  x1: "x_1",
  x2: "x_2",
  y: "y",
  half: "\\tfrac12",
  w1: "w_1",
  w2: "w_2",
  w3: "w_3",
  w4: "w_4",
  b1: "b_1",
  b2: "b_2",
  w5: "w_5",
  w6: "w_6",
  b3: "b_3",
  p1: "p_1",
  p2: "p_2",
  s1: "s_1",
  z1: "z_1",
  h1: "h_1",
  p3: "p_3",
  p4: "p_4",
  s2: "s_2",
  z2: "z_2",
  h2: "h_2",
  q1: "q_1",
  q2: "q_2",
  s3: "s_3",
  yhat: "\\hat y",
  r: "r",
  u: "u",
  E: "E",
};

/** Plain-text name of every node (for labels in the SVG, the node picker and screen readers). */
export const NODE_TEXT: Record<NodeId, string> = {
  x1: "x₁",
  x2: "x₂",
  y: "y",
  half: "½",
  w1: "w₁",
  w2: "w₂",
  w3: "w₃",
  w4: "w₄",
  b1: "b₁",
  b2: "b₂",
  w5: "w₅",
  w6: "w₆",
  b3: "b₃",
  p1: "p₁",
  p2: "p₂",
  s1: "s₁",
  z1: "z₁",
  h1: "h₁",
  p3: "p₃",
  p4: "p₄",
  s2: "s₂",
  z2: "z₂",
  h2: "h₂",
  q1: "q₁",
  q2: "q₂",
  s3: "s₃",
  yhat: "ŷ",
  r: "r",
  u: "u",
  E: "E",
};

/** What a node is, for its colour and shape. */
export type NodeKind = "input" | "target" | "constant" | "param" | "op" | "loss";

/** One node as the view sees it: numbers, names and a position; no tensors. */
export interface GraphNode {
  id: NodeId;
  kind: NodeKind;
  /** Engine op name ("leaf", "mul", "sigmoid", …). */
  op: string;
  /** Short symbol drawn inside the node ("×", "+", "σ"…), empty for leaves. */
  symbol: string;
  tex: string;
  text: string;
  /** The forward value. */
  value: number;
  /** ∂E/∂(this node) from the engine's backward pass; null where no gradient flows (inputs, target). */
  grad: number | null;
  /** Ids of the nodes this one was computed from, in argument order. */
  parents: NodeId[];
  /** Layout: column (0 = leftmost) and centre in layout units. */
  column: number;
  x: number;
  y: number;
}

/** A link parent → child, with the engine's local derivative ∂child/∂parent (null if no gradient flows). */
export interface GraphLink {
  source: NodeId;
  target: NodeId;
  /** Position of the source among the target's parents (0 or 1). */
  argument: number;
  local: number | null;
}

export interface BackpropGraph {
  nodes: GraphNode[];
  links: GraphLink[];
  /** Op nodes in the order the forward pass computes them. */
  forwardOrder: NodeId[];
  /** Nodes that receive a gradient, in the order the backward pass finalises them (E first). */
  backwardOrder: NodeId[];
  /** Layout size in layout units. */
  width: number;
  height: number;
}

const OP_SYMBOL: Record<string, string> = { mul: "×", add: "+", sub: "−", sigmoid: "σ", square: "²" };

/** Builds the network with the engine. Returns the loss tensor and every named tensor. */
export function buildNetwork(values: NetworkValues): { loss: Tensor; tensors: Map<NodeId, Tensor> } {
  const tensors = new Map<NodeId, Tensor>();
  const leaf = (id: NodeId, value: number, requiresGrad: boolean): Tensor => {
    const t = tensor([value], [], { dtype: "float64", requiresGrad, name: id });
    t.label = NODE_TEX[id];
    tensors.set(id, t);
    return t;
  };
  const named = (id: NodeId, t: Tensor): Tensor => {
    t.name = id;
    t.label = NODE_TEX[id];
    tensors.set(id, t);
    return t;
  };
  const x1 = leaf("x1", values.x1, false);
  const x2 = leaf("x2", values.x2, false);
  const y = leaf("y", values.y, false);
  const half = leaf("half", 0.5, false);
  const p: Record<ParamName, Tensor> = {} as Record<ParamName, Tensor>;
  for (const name of PARAM_NAMES) p[name] = leaf(name, values[name], true);

  // Hidden unit 1: z₁ = w₁x₁ + w₂x₂ + b₁, h₁ = σ(z₁); hidden unit 2 likewise with w₃, w₄, b₂.
  const p1 = named("p1", mul(p.w1, x1));
  const p2 = named("p2", mul(p.w2, x2));
  const s1 = named("s1", add(p1, p2));
  const z1 = named("z1", add(s1, p.b1));
  const h1 = named("h1", sigmoid(z1));
  const p3 = named("p3", mul(p.w3, x1));
  const p4 = named("p4", mul(p.w4, x2));
  const s2 = named("s2", add(p3, p4));
  const z2 = named("z2", add(s2, p.b2));
  const h2 = named("h2", sigmoid(z2));
  // Linear output ŷ = w₅h₁ + w₆h₂ + b₃ and the loss E = ½(ŷ − y)².
  const q1 = named("q1", mul(p.w5, h1));
  const q2 = named("q2", mul(p.w6, h2));
  const s3 = named("s3", add(q1, q2));
  const yhat = named("yhat", add(s3, p.b3));
  const r = named("r", sub(yhat, y));
  const u = named("u", square(r));
  const loss = named("E", mul(half, u));
  return { loss, tensors };
}

/** E for the given values, by the engine's forward pass alone. */
export function lossOf(values: NetworkValues): number {
  return noGrad(() => buildNetwork(values).loss.item());
}

/**
 * Central finite difference (E(θ + ε) − E(θ − ε)) / 2ε for one parameter, re-running the engine's
 * forward pass. With float64 and ε = 1e-6 it agrees with backprop to ~1e-9.
 */
export function finiteDifference(values: NetworkValues, name: ParamName, eps = 1e-6): number {
  const plus = lossOf({ ...values, [name]: values[name] + eps });
  const minus = lossOf({ ...values, [name]: values[name] - eps });
  return (plus - minus) / (2 * eps);
}

function idOf(t: Tensor): NodeId {
  const id = t.name as NodeId | undefined;
  if (id === undefined || !(NODE_IDS as readonly string[]).includes(id)) throw new Error(`unnamed tensor in the graph (${t.op})`);
  return id;
}

function kindOf(t: Tensor, id: NodeId): NodeKind {
  if (id === "E") return "loss";
  if (t.op !== "leaf") return "op";
  if (t.requiresGrad) return "param";
  if (id === "y") return "target";
  if (id === "half") return "constant";
  return "input";
}

/**
 * ∂child/∂parent for each parent of `child`, from the engine: clear the parents' gradients, seed the
 * child's gradient with 1 and run only the child's own backward rule.
 */
function localDerivatives(child: Tensor): (number | null)[] {
  if (child.backwardFn === null) return child.parents.map(() => null);
  const saved = child.parents.map((p) => p.grad);
  const savedChild = child.grad;
  for (const p of child.parents) p.grad = null;
  child.grad = Float64Array.of(1);
  child.backwardFn();
  const locals = child.parents.map((p) => (p.grad === null ? null : p.grad[0]));
  child.parents.forEach((p, i) => (p.grad = saved[i]));
  child.grad = savedChild;
  return locals;
}

/** Layout units. */
export const COLUMN_GAP = 66;
export const ROW_GAP = 70;
export const MARGIN = 36;
/** Horizontal margin: wide enough for a gradient label under the first and last nodes. */
export const MARGIN_X = 46;

/**
 * Turns the engine's graph under `loss` into plain nodes and links, with a layered layout: an op
 * sits one column right of its deepest parent, a leaf one column left of its first consumer; rows
 * are placed right to left at the mean height of each node's consumers, then spread apart.
 */
export function graphOf(loss: Tensor): BackpropGraph {
  // Collect every tensor reachable through parents (inputs and constants included), parents first.
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const visit = (t: Tensor) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of t.parents) visit(p);
    order.push(t);
  };
  visit(loss);

  const consumers = new Map<Tensor, Tensor[]>();
  for (const t of order) for (const p of t.parents) consumers.set(p, [...(consumers.get(p) ?? []), t]);

  const column = new Map<Tensor, number>();
  for (const t of order) if (t.parents.length > 0) column.set(t, 1 + Math.max(...t.parents.map((p) => column.get(p) ?? 0)));
  for (const t of order) {
    if (t.parents.length === 0) {
      const cs = consumers.get(t) ?? [];
      column.set(t, Math.min(...cs.map((c) => column.get(c) ?? 1)) - 1);
    }
  }
  const columns = Math.max(...order.map((t) => column.get(t) ?? 0)) + 1;

  // Rows: right to left, each node at the mean row of its consumers, then pushed apart by ≥ 1 row.
  const row = new Map<Tensor, number>();
  row.set(loss, 0);
  for (let c = columns - 1; c >= 0; c--) {
    const inColumn = order.filter((t) => column.get(t) === c && t !== loss);
    const wanted = inColumn.map((t) => {
      const cs = consumers.get(t) ?? [];
      // Spread a consumer's parents around it: first argument above, second below.
      const ys = cs.map((k) => (row.get(k) ?? 0) + (k.parents.indexOf(t) === 0 ? -0.5 : 0.5));
      return { t, y: ys.reduce((a, b) => a + b, 0) / Math.max(ys.length, 1) };
    });
    wanted.sort((a, b) => a.y - b.y);
    const placed: number[] = [];
    for (const [i, w] of wanted.entries()) placed.push(i === 0 ? w.y : Math.max(w.y, placed[i - 1] + 1));
    // Re-centre the column on the mean of what it wanted, so pushing down does not drift it.
    const shift = wanted.length ? (wanted.reduce((a, w) => a + w.y, 0) - placed.reduce((a, y) => a + y, 0)) / wanted.length : 0;
    wanted.forEach((w, i) => row.set(w.t, placed[i] + shift));
  }
  const rows = order.map((t) => row.get(t) ?? 0);
  const minRow = Math.min(...rows);
  const maxRow = Math.max(...rows);

  const nodes: GraphNode[] = order.map((t) => {
    const id = idOf(t);
    return {
      id,
      kind: kindOf(t, id),
      op: t.op,
      symbol: OP_SYMBOL[t.op] ?? "",
      tex: NODE_TEX[id],
      text: NODE_TEXT[id],
      value: t.item(),
      grad: t.grad === null ? null : t.grad[0],
      parents: t.parents.map(idOf),
      column: column.get(t) ?? 0,
      x: MARGIN_X + (column.get(t) ?? 0) * COLUMN_GAP,
      y: MARGIN - 12 + ((row.get(t) ?? 0) - minRow) * ROW_GAP,
    };
  });
  const links: GraphLink[] = [];
  for (const t of order) {
    const locals = localDerivatives(t);
    t.parents.forEach((p, i) => links.push({ source: idOf(p), target: idOf(t), argument: i, local: locals[i] }));
  }
  // Forward order: a topological order of the ops (Kahn's algorithm), breaking ties by NODE_IDS so
  // hidden unit 1 is computed before hidden unit 2.
  const rank = (t: Tensor) => (NODE_IDS as readonly string[]).indexOf(idOf(t));
  const done = new Set<Tensor>(order.filter((t) => t.parents.length === 0));
  const forward: Tensor[] = [];
  const opCount = order.filter((t) => t.parents.length > 0).length;
  while (forward.length < opCount) {
    const ready = order.filter((t) => !done.has(t) && t.parents.every((p) => done.has(p))).sort((a, b) => rank(a) - rank(b));
    done.add(ready[0]);
    forward.push(ready[0]);
  }
  const forwardOrder = forward.map(idOf);
  // Backward order: the forward sequence with each leaf inserted just before its first consumer,
  // reversed, keeping the nodes that take a gradient. Every consumer of a node comes before it, so
  // its gradient is final when shown; a parameter's gradient appears right after its consumer's.
  const sequence: Tensor[] = [];
  for (const t of forward) {
    for (const p of t.parents) if (p.parents.length === 0 && !sequence.includes(p)) sequence.push(p);
    sequence.push(t);
  }
  const backwardOrder = sequence
    .filter((t) => t.requiresGrad)
    .reverse()
    .map(idOf);
  return {
    nodes,
    links,
    forwardOrder,
    backwardOrder,
    width: 2 * MARGIN_X + (columns - 1) * COLUMN_GAP,
    height: 2 * MARGIN + 8 + (maxRow - minRow) * ROW_GAP,
  };
}

/** One parameter's gradient two ways. */
export interface GradientCheck {
  name: ParamName;
  analytic: number;
  numeric: number;
  /** |analytic − numeric|. */
  difference: number;
  /** Agreement within 1e-6 + 1e-5·max(|analytic|, |numeric|) (the engine's gradcheck tolerance). */
  agrees: boolean;
}

/** Everything the widget shows for one set of values: the graph (after backward) and the checks. */
export interface BackpropSnapshot {
  graph: BackpropGraph;
  loss: number;
  checks: GradientCheck[];
}

export function snapshot(values: NetworkValues): BackpropSnapshot {
  const { loss } = buildNetwork(values);
  loss.backward();
  const graph = graphOf(loss);
  const checks = PARAM_NAMES.map((name) => {
    const analytic = graph.nodes.find((n) => n.id === name)?.grad ?? 0;
    const numeric = finiteDifference(values, name);
    const difference = Math.abs(analytic - numeric);
    return { name, analytic, numeric, difference, agrees: difference <= 1e-6 + 1e-5 * Math.max(Math.abs(analytic), Math.abs(numeric)) };
  });
  return { graph, loss: loss.item(), checks };
}

/** Total number of steps: every op forward, then every gradient backward. */
export function totalSteps(graph: BackpropGraph): number {
  return graph.forwardOrder.length + graph.backwardOrder.length;
}

/** What is visible at a step: which node values and which gradients have been computed. */
export interface StepView {
  step: number;
  phase: "start" | "forward" | "backward" | "done";
  /** The node the last step computed (its value going forward, its gradient going backward). */
  current: NodeId | null;
  hasValue: Set<NodeId>;
  hasGrad: Set<NodeId>;
  description: string;
}

export function stepView(graph: BackpropGraph, rawStep: number): StepView {
  const nF = graph.forwardOrder.length;
  const total = totalSteps(graph);
  const step = Math.max(0, Math.min(total, Math.round(rawStep)));
  const hasValue = new Set<NodeId>(graph.nodes.filter((n) => n.parents.length === 0).map((n) => n.id));
  const hasGrad = new Set<NodeId>();
  for (let i = 0; i < Math.min(step, nF); i++) hasValue.add(graph.forwardOrder[i]);
  for (let i = 0; i < step - nF; i++) hasGrad.add(graph.backwardOrder[i]);
  let current: NodeId | null = null;
  let phase: StepView["phase"] = "start";
  let description = `Step 0 of ${total}: only the inputs, the target and the parameters have values. Step forward to compute the network.`;
  if (step > 0 && step <= nF) {
    current = graph.forwardOrder[step - 1];
    phase = "forward";
    description = `Step ${step} of ${total}, forward pass: computed ${NODE_TEXT[current]}.`;
  } else if (step > nF) {
    current = graph.backwardOrder[step - nF - 1];
    phase = step === total ? "done" : "backward";
    description = `Step ${step} of ${total}, backward pass: computed ∂E/∂${NODE_TEXT[current]}.`;
    if (step === total) description += " Every gradient is known.";
  }
  return { step, phase, current, hasValue, hasGrad, description };
}

/** A number for TeX: 4 significant digits, no exponent notation below 1e-4 in plain form. */
export function texNumber(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e5) {
    const e = Math.floor(Math.log10(a));
    const m = v / 10 ** e;
    return `${m.toFixed(3)}\\times10^{${e}}`;
  }
  const s = Number(v.toPrecision(4)).toString();
  return s.startsWith("-") ? `-${s.slice(1)}` : s;
}

/** A number in parentheses when negative, for products like (−0.5)(0.2). */
function factor(v: number): string {
  const s = texNumber(v);
  return v < 0 || s.includes("times") ? `\\left(${s}\\right)` : s;
}

/** Plain-text number with 4 significant digits and a true minus sign. */
export function formatNumber(v: number | null): string {
  if (v === null) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s = a < 1e-4 || a >= 1e5 ? v.toExponential(2) : Number(v.toPrecision(4)).toString();
  return s.replace("-", "−");
}

/** The local derivative ∂child/∂(parent at `argument`) as a TeX expression of the child's inputs. */
export function localDerivativeTex(child: GraphNode, argument: number, nodes: Map<NodeId, GraphNode>): string {
  const parents = child.parents.map((id) => nodes.get(id) as GraphNode);
  switch (child.op) {
    case "add":
      return "1";
    case "sub":
      return argument === 0 ? "1" : "-1";
    case "mul":
      return parents[1 - argument].tex;
    case "sigmoid":
      return `${child.tex}\\,(1 - ${child.tex})`;
    case "square":
      return `2${parents[0].tex}`;
    default:
      return `\\tfrac{\\partial ${child.tex}}{\\partial ${parents[argument].tex}}`;
  }
}

/** The forward formula of a node with its numbers, e.g. h_1 = σ(z_1) = σ(0.62) = 0.6502. */
export function forwardTex(node: GraphNode, nodes: Map<NodeId, GraphNode>): string {
  const ps = node.parents.map((id) => nodes.get(id) as GraphNode);
  const v = texNumber(node.value);
  switch (node.op) {
    case "leaf":
      return `${node.tex} = ${v}`;
    case "add":
      return `${node.tex} = ${ps[0].tex} + ${ps[1].tex} = ${texNumber(ps[0].value)} + ${factor(ps[1].value)} = ${v}`;
    case "sub":
      return `${node.tex} = ${ps[0].tex} - ${ps[1].tex} = ${texNumber(ps[0].value)} - ${factor(ps[1].value)} = ${v}`;
    case "mul":
      return `${node.tex} = ${ps[0].tex}\\,${ps[1].tex} = ${factor(ps[0].value)}\\,${factor(ps[1].value)} = ${v}`;
    case "sigmoid":
      return `\\begin{aligned} ${node.tex} &= \\sigma(${ps[0].tex}) = \\frac{1}{1 + e^{-${ps[0].tex}}} \\\\ &= \\sigma\\!\\left(${texNumber(ps[0].value)}\\right) = ${v} \\end{aligned}`;
    case "square":
      return `${node.tex} = ${ps[0].tex}^2 = ${factor(ps[0].value)}^2 = ${v}`;
    default:
      return `${node.tex} = ${v}`;
  }
}

/**
 * The chain rule for one node's gradient, with numbers: ∂E/∂n = Σ over consumers c of
 * ∂E/∂c · ∂c/∂n. Every number is the engine's (the consumer's gradient and the local derivative on
 * the link); the last one is the engine's ∂E/∂n, which equals the sum of the products.
 */
export function backwardTex(node: GraphNode, graph: BackpropGraph): string {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const d = (tex: string) => `\\frac{\\partial E}{\\partial ${tex}}`;
  if (node.id === "E") return `${d("E")} = 1`;
  const into = graph.links.filter((l) => l.source === node.id && l.local !== null);
  const symbolic = into
    .map((l) => {
      const c = nodes.get(l.target) as GraphNode;
      return `${d(c.tex)}\\,\\frac{\\partial ${c.tex}}{\\partial ${node.tex}}`;
    })
    .join(" + ");
  const withLocal = into
    .map((l) => {
      const c = nodes.get(l.target) as GraphNode;
      return `${d(c.tex)}\\cdot ${localDerivativeTex(c, l.argument, nodes)}`;
    })
    .join(" + ");
  const numeric = into
    .map((l) => {
      const c = nodes.get(l.target) as GraphNode;
      return `${factor(c.grad ?? 0)}\\times${factor(l.local ?? 0)}`;
    })
    .join(" + ");
  // One equality per line, so the product stays readable (and unscrolled) on a phone.
  return `\\begin{aligned} ${d(node.tex)} &= ${symbolic} \\\\ &= ${withLocal} \\\\ &= ${numeric} = ${texNumber(node.grad ?? 0)} \\end{aligned}`;
}

/** The chain-rule products that make up a node's gradient, as numbers (for tests and the readout). */
export function chainProducts(node: GraphNode, graph: BackpropGraph): { via: NodeId; upstream: number; local: number; product: number }[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  return graph.links
    .filter((l) => l.source === node.id && l.local !== null)
    .map((l) => {
      const upstream = nodes.get(l.target)?.grad ?? 0;
      const local = l.local ?? 0;
      return { via: l.target, upstream, local, product: upstream * local };
    });
}

// ——— URL state ———

const valueField = (v: number) => numberField(v, { min: -10, max: 10 });

/** The widget's URL schema (prefix "bp"): every input, target and weight, the step and the selected node. */
export const backpropSchema = {
  ...(Object.fromEntries(Object.entries(DEFAULT_VALUES).map(([k, v]) => [k, valueField(v)])) as Record<
    ValueName,
    ReturnType<typeof valueField>
  >),
  step: numberField(0, { min: 0, max: 100, integer: true }),
  node: choiceField<NodeId | "auto">("auto", ["auto", ...NODE_IDS]),
} satisfies Schema;
export type BackpropState = StateOf<typeof backpropSchema>;

export function valuesOf(state: BackpropState): NetworkValues {
  const out = {} as NetworkValues;
  for (const k of [...INPUT_NAMES, ...PARAM_NAMES]) out[k] = state[k];
  return out;
}

/** Challenge "backprop-flip-sign": only the target changed, and ∂E/∂w₁ (revealed) is positive. */
export function flipSignDone(values: NetworkValues, view: StepView, snap: BackpropSnapshot): boolean {
  const others = ([...INPUT_NAMES, ...PARAM_NAMES] as ValueName[]).filter((k) => k !== "y");
  const unchanged = others.every((k) => values[k] === DEFAULT_VALUES[k]);
  const g = snap.graph.nodes.find((n) => n.id === "w1")?.grad ?? 0;
  return unchanged && view.hasGrad.has("w1") && g > 0;
}
