import katex from "katex";
import { describe, expect, it } from "vitest";
import { parseState, serializeState } from "../shared/urlState.ts";
import {
  DEFAULT_VALUES,
  NODE_IDS,
  PARAM_NAMES,
  backpropSchema,
  backwardTex,
  chainProducts,
  finiteDifference,
  flipSignDone,
  forwardTex,
  formatNumber,
  lossOf,
  snapshot,
  stepView,
  texNumber,
  totalSteps,
  valuesOf,
} from "./backpropStepperModel.ts";
import type { GraphNode, NetworkValues } from "./backpropStepperModel.ts";

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** The same network written out by hand, as an outside reference for the engine's numbers. */
function byHand(v: NetworkValues) {
  const z1 = v.w1 * v.x1 + v.w2 * v.x2 + v.b1;
  const z2 = v.w3 * v.x1 + v.w4 * v.x2 + v.b2;
  const h1 = sig(z1);
  const h2 = sig(z2);
  const yhat = v.w5 * h1 + v.w6 * h2 + v.b3;
  const r = yhat - v.y;
  const E = 0.5 * r * r;
  const d1 = r * v.w5 * h1 * (1 - h1);
  const d2 = r * v.w6 * h2 * (1 - h2);
  return {
    E,
    yhat,
    grads: { w1: d1 * v.x1, w2: d1 * v.x2, b1: d1, w3: d2 * v.x1, w4: d2 * v.x2, b2: d2, w5: r * h1, w6: r * h2, b3: r } as Record<
      string,
      number
    >,
  };
}

describe("backprop stepper model", () => {
  const snap = snapshot(DEFAULT_VALUES);
  const node = (id: string) => snap.graph.nodes.find((n) => n.id === id) as GraphNode;

  it("builds a graph with every named node once, from the engine's op/parents", () => {
    expect(snap.graph.nodes.map((n) => n.id).sort()).toEqual([...NODE_IDS].sort());
    expect(node("h1").op).toBe("sigmoid");
    expect(node("h1").parents).toEqual(["z1"]);
    expect(node("E").parents).toEqual(["half", "u"]);
    expect(snap.graph.links.length).toBe(snap.graph.nodes.reduce((a, n) => a + n.parents.length, 0));
  });

  it("computes the loss and every parameter gradient as the hand-written network does (1e-12)", () => {
    const ref = byHand(DEFAULT_VALUES);
    expect(snap.loss).toBeCloseTo(ref.E, 12);
    expect(node("yhat").value).toBeCloseTo(ref.yhat, 12);
    for (const p of PARAM_NAMES) expect(node(p).grad).toBeCloseTo(ref.grads[p], 12);
  });

  it("agrees with central finite differences for every parameter, also after edits", () => {
    for (const values of [DEFAULT_VALUES, { ...DEFAULT_VALUES, y: -2, w5: -3, x1: 2.5 }]) {
      const s = snapshot(values);
      for (const c of s.checks) {
        expect(c.agrees, c.name).toBe(true);
        expect(c.numeric).toBeCloseTo(byHand(values).grads[c.name], 8);
      }
    }
    expect(finiteDifference(DEFAULT_VALUES, "w1")).toBeCloseTo(byHand(DEFAULT_VALUES).grads.w1, 8);
  });

  it("gives each node's gradient as the sum of upstream gradient × engine local derivative", () => {
    for (const n of snap.graph.nodes) {
      if (n.grad === null || n.id === "E") continue;
      const products = chainProducts(n, snap.graph);
      expect(products.length).toBeGreaterThan(0);
      expect(products.reduce((a, p) => a + p.product, 0)).toBeCloseTo(n.grad, 12);
    }
    // σ' = h(1 − h) on the link z₁ → h₁; ∂(w₁x₁)/∂w₁ = x₁.
    const h1 = node("h1").value;
    expect(snap.graph.links.find((l) => l.source === "z1" && l.target === "h1")?.local).toBeCloseTo(h1 * (1 - h1), 14);
    expect(snap.graph.links.find((l) => l.source === "w1" && l.target === "p1")?.local).toBe(DEFAULT_VALUES.x1);
    expect(snap.graph.links.find((l) => l.source === "x1" && l.target === "p1")?.local).toBeNull();
  });

  it("orders the forward pass topologically and the backward pass with every consumer first", () => {
    const { forwardOrder, backwardOrder } = snap.graph;
    expect(forwardOrder[0]).toBe("p1");
    expect(forwardOrder.at(-1)).toBe("E");
    const byId = new Map(snap.graph.nodes.map((n) => [n.id, n]));
    forwardOrder.forEach((id, i) => {
      for (const p of byId.get(id)!.parents) if (byId.get(p)!.parents.length > 0) expect(forwardOrder.indexOf(p)).toBeLessThan(i);
    });
    expect(backwardOrder[0]).toBe("E");
    backwardOrder.forEach((id, i) => {
      for (const l of snap.graph.links.filter((k) => k.source === id)) expect(backwardOrder.indexOf(l.target)).toBeLessThan(i);
    });
    expect(backwardOrder).toContain("w1");
    expect(backwardOrder).not.toContain("x1");
    expect(totalSteps(snap.graph)).toBe(forwardOrder.length + backwardOrder.length);
  });

  it("reveals values going forward and gradients going backward, step by step", () => {
    const total = totalSteps(snap.graph);
    expect(stepView(snap.graph, 0).hasValue.has("p1")).toBe(false);
    expect(stepView(snap.graph, 1).current).toBe("p1");
    const end = stepView(snap.graph, snap.graph.forwardOrder.length);
    expect(end.hasValue.has("E")).toBe(true);
    expect(end.hasGrad.size).toBe(0);
    expect(stepView(snap.graph, snap.graph.forwardOrder.length + 1).hasGrad.has("E")).toBe(true);
    expect(stepView(snap.graph, total).phase).toBe("done");
    expect(stepView(snap.graph, total + 10).step).toBe(total);
  });

  it("lays nodes out left to right with no two nodes on top of each other", () => {
    for (const n of snap.graph.nodes) for (const p of n.parents) expect(snap.graph.nodes.find((m) => m.id === p)!.x).toBeLessThan(n.x);
    const spots = new Set(snap.graph.nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`));
    expect(spots.size).toBe(snap.graph.nodes.length);
    for (const n of snap.graph.nodes) {
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(snap.graph.height);
    }
  });

  it("writes the forward and chain-rule formulas with the engine's numbers", () => {
    const nodes = new Map(snap.graph.nodes.map((n) => [n.id, n]));
    expect(forwardTex(node("h1"), nodes)).toContain("\\sigma(z_1)");
    expect(forwardTex(node("h1"), nodes)).toContain(texNumber(node("h1").value));
    const tex = backwardTex(node("z1"), snap.graph);
    expect(tex).toContain("h_1\\,(1 - h_1)");
    expect(tex).toMatch(/^\\begin\{aligned\}/);
    expect(tex.endsWith(`= ${texNumber(node("z1").grad!)} \\end{aligned}`)).toBe(true);
    expect(backwardTex(node("E"), snap.graph)).toContain("= 1");
  });

  it("writes only TeX that KaTeX typesets in strict mode, for every node, forward and backward", () => {
    for (const values of [DEFAULT_VALUES, { ...DEFAULT_VALUES, w1: -3.25, y: 1e-7 }]) {
      const s = snapshot(values);
      const nodes = new Map(s.graph.nodes.map((n) => [n.id, n]));
      for (const n of s.graph.nodes) {
        expect(() => katex.renderToString(forwardTex(n, nodes), { throwOnError: true, strict: "error", displayMode: true })).not.toThrow();
        if (n.grad !== null)
          expect(() =>
            katex.renderToString(backwardTex(n, s.graph), { throwOnError: true, strict: "error", displayMode: true }),
          ).not.toThrow();
      }
    }
  });

  it("formats numbers for TeX and text without exponent noise", () => {
    expect(texNumber(0.123456)).toBe("0.1235");
    expect(texNumber(-2)).toBe("-2");
    expect(texNumber(1.5e-7)).toBe("1.500\\times10^{-7}");
    expect(formatNumber(-0.5)).toBe("−0.5");
    expect(formatNumber(null)).toBe("—");
  });

  it("round-trips its state through the URL and reports bad parameters", () => {
    const state = { ...valuesOfDefaults(), w1: -1.5, step: 7, node: "h2" as const };
    const params = serializeState(backpropSchema, state, "bp");
    expect(params.get("bp.w1")).toBe("-1.5");
    expect(params.has("bp.w2")).toBe(false);
    const parsed = parseState(backpropSchema, params, "bp");
    expect(parsed.state).toEqual(state);
    const bad = parseState(backpropSchema, new URLSearchParams("bp.w1=abc&bp.node=zz"), "bp");
    expect(bad.problems).toHaveLength(2);
    expect(bad.state.w1).toBe(DEFAULT_VALUES.w1);
  });

  it("checks the challenge: only the target changed and ∂E/∂w₁, once revealed, is positive", () => {
    expect(lossOf(DEFAULT_VALUES)).toBeGreaterThan(0);
    const values = { ...DEFAULT_VALUES, y: -1 };
    const s = snapshot(values);
    const all = stepView(s.graph, totalSteps(s.graph));
    expect(s.graph.nodes.find((n) => n.id === "w1")!.grad).toBeGreaterThan(0);
    expect(flipSignDone(values, all, s)).toBe(true);
    expect(flipSignDone(values, stepView(s.graph, 3), s)).toBe(false);
    expect(flipSignDone(DEFAULT_VALUES, stepView(snap.graph, totalSteps(snap.graph)), snap)).toBe(false);
    const cheat = { ...values, w5: 2 };
    const sc = snapshot(cheat);
    expect(flipSignDone(cheat, stepView(sc.graph, totalSteps(sc.graph)), sc)).toBe(false);
  });
});

function valuesOfDefaults() {
  const parsed = parseState(backpropSchema, new URLSearchParams(), "bp").state;
  expect(valuesOf(parsed)).toEqual(DEFAULT_VALUES);
  return parsed;
}
