import { add, mul, square } from "../../../src/lib/autodiff/index.ts";
import type { Tensor } from "../../../src/lib/autodiff/index.ts";
import { defineFamily } from "../../family.ts";
import { f64 } from "../../support/engine.ts";
import { fmt, list, niceNonZero, shown, vectorAnswer } from "../../support/answers.ts";

type Graph = "add-mul" | "shared" | "square";
interface Params {
  graph: Graph;
  x: number;
  y: number;
  z: number;
}

const FORMULA: Record<Graph, string> = { "add-mul": "f = (x + y)\\,z", shared: "f = x\\,y + y\\,z", square: "f = (x\\,y + z)^2" };
const BUILD: Record<Graph, (x: Tensor, y: Tensor, z: Tensor) => Tensor> = {
  "add-mul": (x, y, z) => mul(add(x, y), z),
  shared: (x, y, z) => add(mul(x, y), mul(y, z)),
  square: (x, y, z) => square(add(mul(x, y), z)),
};

/** [∂f/∂x, ∂f/∂y, ∂f/∂z] from the engine's backward pass over the small graph. */
function gradients(p: Params): number[] {
  const [x, y, z] = [p.x, p.y, p.z].map((v) => f64([v], true));
  BUILD[p.graph](x, y, z).backward();
  return [x.grad![0], y.grad![0], z.grad![0]];
}
function answer(p: Params) {
  return { grad: vectorAnswer(gradients(p)) };
}

/** Backpropagation through a three-variable computational graph (micrograd style). */
export const graphGradients = defineFamily<Params>({
  id: "graph-gradients",
  version: 1,
  title: "Gradients on a computational graph",
  lesson: "backpropagation",
  skills: ["add gate routes gradients", "multiply gate swaps inputs", "gradients add where paths meet"],
  levels: [1, 2, 3],
  generate(rng, level) {
    const graph: Graph = level === 1 ? "add-mul" : level === 2 ? "shared" : "square";
    const v = () => niceNonZero(rng, -3, 3, 1, 0.5);
    return { graph, x: v(), y: v(), z: v() };
  },
  wellPosed(p) {
    const s = new Set([p.x, p.y, p.z, -p.x, -p.y, -p.z]);
    return s.size === 6 && Math.abs(p.x + p.y) > 0.2 && Math.abs(p.x * p.y + p.z) > 0.2 && Math.abs(p.x + p.z) > 0.2
      ? true
      : "coincident values";
  },
  render(p) {
    return {
      prompt: `For $${FORMULA[p.graph]}$ at $x = ${fmt(p.x)}$, $y = ${fmt(p.y)}$, $z = ${fmt(p.z)}$, give the gradient $[\\partial f/\\partial x, \\partial f/\\partial y, \\partial f/\\partial z]$.`,
      parts: [{ id: "grad", label: "$\\nabla f$", placeholder: "[df/dx, df/dy, df/dz]" }],
    };
  },
  answer,
  hints(p) {
    const h: Record<Graph, string> = {
      "add-mul":
        "Let $q = x + y$. A multiply gate sends each input the *other* input times the upstream gradient; an add gate passes the gradient unchanged to both inputs.",
      shared: "$y$ feeds two products: its gradient is the *sum* of what each path sends back.",
      square: "Let $q = xy + z$; $\\partial f/\\partial q = 2q$, then continue through the add and multiply gates.",
    };
    return ["Work backwards from $f$, one operation at a time, multiplying local derivatives.", h[p.graph]];
  },
  solution(p) {
    const q = p.graph === "add-mul" ? p.x + p.y : p.x * p.y + p.z;
    const s: Record<Graph, string> = {
      "add-mul": `$q = x + y = ${fmt(q)}$; $\\partial f/\\partial z = q$, $\\partial f/\\partial x = \\partial f/\\partial y = z$.`,
      shared: `$\\partial f/\\partial x = y$, $\\partial f/\\partial z = y$, and $y$ collects both paths: $\\partial f/\\partial y = x + z = ${fmt(p.x + p.z)}$.`,
      square: `$q = xy + z = ${fmt(q)}$, $\\partial f/\\partial q = 2q = ${fmt(2 * q)}$; then $\\partial f/\\partial x = 2q\\,y$, $\\partial f/\\partial y = 2q\\,x$, $\\partial f/\\partial z = 2q$.`,
    };
    return [s[p.graph], `Answer: ${shown(answer(p).grad)}`];
  },
  misconceptions(p) {
    const g = gradients(p);
    const all = [
      {
        id: "values-not-gradients",
        description: "Reports the inputs.",
        input: { grad: list([p.x, p.y, p.z]) },
        feedback: "Those are the inputs' values. The gradient says how much f changes per unit change of each input.",
      },
    ];
    if (p.graph === "add-mul")
      all.push({
        id: "add-gate-splits",
        description: "Splits the gradient at the add gate.",
        input: { grad: list([p.z / 2, p.z / 2, g[2]]) },
        feedback: "An add gate does not split the gradient: both inputs receive the full upstream gradient (∂(x + y)/∂x = 1).",
      });
    if (p.graph === "shared")
      all.push({
        id: "one-path-only",
        description: "Follows only one path into y.",
        input: { grad: list([g[0], p.x, g[2]]) },
        feedback: "y is used twice; where paths meet, the gradients add: ∂f/∂y = x + z.",
      });
    if (p.graph === "square")
      all.push({
        id: "forgot-outer-derivative",
        description: "Drops the 2q from the square.",
        input: { grad: list([p.y, p.x, 1]) },
        feedback: "Start from ∂f/∂q = 2q for f = q², then multiply by the local derivatives.",
      });
    return all;
  },
});
