import { describe, expect, it } from "vitest";
import { evaluateAt, parseExpression } from "./expression.ts";

function at(text: string, point: Record<string, number>, variables?: string[]): number {
  const r = parseExpression(text, { variables: variables ?? Object.keys(point) });
  if (!r.ok) throw new Error(`“${text}”: ${r.message}`);
  return evaluateAt(r.value, point);
}
function error(text: string, variables: string[] = ["x"]): string {
  const r = parseExpression(text, { variables });
  if (r.ok) throw new Error(`“${text}” parsed`);
  return r.message;
}

describe("parseExpression", () => {
  it("respects precedence: powers before unary minus before products before sums", () => {
    expect(at("1 + 2*3", {})).toBe(7);
    expect(at("-x^2", { x: 3 })).toBe(-9);
    expect(at("2^3^2", {})).toBe(512);
    expect(at("(1 + 2)*3", {})).toBe(9);
    expect(at("x^-1", { x: 4 })).toBe(0.25);
    expect(at("8/2/2", {})).toBe(2);
    expect(at("2 - -1", {})).toBe(3);
  });

  it("reads implicit multiplication: 2x, s(1 - s), sx for declared s and x", () => {
    expect(at("2x", { x: 3 })).toBe(6);
    expect(at("s(1 - s)", { s: 0.25 })).toBeCloseTo(0.1875, 15);
    expect(at("sx", { s: 2, x: 5 })).toBe(10);
    expect(at("2(x + 1)", { x: 1 })).toBe(4);
    expect(at("(x + 1)(x - 1)", { x: 3 })).toBe(8);
  });

  it("evaluates exp, log, ln, sqrt, sin, cos, tanh, sigmoid and σ, and the constants pi and e", () => {
    expect(at("exp(0) + log(1) + ln(e)", {})).toBeCloseTo(2, 15);
    expect(at("sqrt(16) + sin(0) + cos(0) + tanh(0)", {})).toBe(5);
    expect(at("sigmoid(0)", {})).toBe(0.5);
    expect(at("σ(z)(1 − σ(z))", { z: 0 })).toBe(0.25);
    expect(at("pi", {})).toBe(Math.PI);
  });

  it("accepts the symbols people type: × · ÷ ** ² and Unicode minus", () => {
    expect(at("2×3·x ÷ 6", { x: 2 })).toBe(2);
    expect(at("x**2 + x²", { x: 3 })).toBe(18);
    expect(at("\u2212x", { x: 3 })).toBe(-3);
  });

  it("maps ŷ, Greek letters and underscores onto declared names", () => {
    expect(at("2(ŷ − y)", { yhat: 0.5, y: 0.25 }, ["yhat", "y"])).toBe(0.5);
    expect(at("2(y_hat - y)", { yhat: 0.5, y: 0.25 }, ["yhat", "y"])).toBe(0.5);
    expect(at("η g", { eta: 0.1, g: 2 }, ["eta", "g"])).toBeCloseTo(0.2, 15);
  });

  it("names unknown names and lists the allowed ones", () => {
    expect(error("q + 1")).toBe("Unknown name “q”. You can use: x.");
  });

  it("explains unbalanced parentheses, dangling operators, function calls without parentheses and equals signs", () => {
    expect(error("(x + 1")).toMatch(/never closed/);
    expect(error("x + 1)")).toMatch(/without a matching/);
    expect(error("x +")).toMatch(/ends too early/);
    expect(error("exp x")).toMatch(/parentheses/);
    expect(error("y = x")).toMatch(/right-hand side/);
    expect(error("")).toMatch(/Enter a formula/);
    expect(error("2 3")).toMatch(/Two numbers/);
    expect(error("x; rm -rf")).toMatch(/cannot be used/);
    expect(error("*x")).toMatch(/needs something before/);
  });

  it("never evaluates code: property names of objects are ordinary unknown names", () => {
    expect(error("constructor")).toMatch(/Unknown name/);
    expect(error("__proto__")).toMatch(/Unknown name/);
  });

  it("gives NaN or Infinity where the formula is undefined rather than throwing", () => {
    expect(at("log(x)", { x: -1 })).toBeNaN();
    expect(at("1/x", { x: 0 })).toBe(Infinity);
  });

  it("lists the variables a formula uses", () => {
    const r = parseExpression("y*x + x");
    expect(r.ok && r.value.variables).toEqual(["x", "y"]);
  });
});
