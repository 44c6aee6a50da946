import { normalizeSigns } from "./number.ts";
import type { ParseResult } from "./score.ts";
import { quoteTyped } from "./quoteTyped.ts";

/**
 * A tiny, safe evaluator for formula answers: a tokenizer and a recursive-descent parser that build a
 * syntax tree, and a tree-walking evaluator. No eval, no Function constructor: the only things a
 * learner's text can do are the operations listed here.
 *
 * Grammar (lowest precedence first):
 *   sum     := product (("+" | "-") product)*
 *   product := unary (("*" | "/") unary | unary)*      a juxtaposed factor is implicit multiplication: 2x, s(1 - s)
 *   unary   := ("-" | "+") unary | power                so -x^2 = -(x^2), as in mathematics
 *   power   := primary ("^" unary)?                     right-associative: 2^3^2 = 2^9
 *   primary := number | name | function "(" sum ")" | "(" sum ")"
 */

/** A parsed formula. */
export interface Expression {
  /** The variable names the formula uses (normalised, sorted). */
  readonly variables: readonly string[];
  /** The formula's value at a point; NaN or ±Infinity where it is undefined (log of a negative…). */
  evaluate(values: Readonly<Record<string, number>>): number;
}

export interface ParseExpressionOptions {
  /** The names a learner may use. When given, any other name is an error that lists these. */
  variables?: readonly string[];
}

type Node =
  | { type: "num"; value: number }
  | { type: "var"; name: string }
  | { type: "neg"; arg: Node }
  | { type: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: Node; right: Node }
  | { type: "call"; fn: FunctionName; arg: Node };

const stableSigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** The functions a formula may call, with their spellings. */
const FUNCTIONS = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: stableSigmoid,
} as const;
type FunctionName = keyof typeof FUNCTIONS;
const FUNCTION_ALIASES: Record<string, FunctionName> = { ln: "log", sigma: "sigmoid" };

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

// Greek letters people paste from the lesson text, mapped to the names variables are declared with.
const GREEK: Record<string, string> = {
  α: "alpha",
  β: "beta",
  γ: "gamma",
  δ: "delta",
  ε: "epsilon",
  η: "eta",
  θ: "theta",
  λ: "lambda",
  μ: "mu",
  ρ: "rho",
  σ: "sigma",
  τ: "tau",
  φ: "phi",
  ω: "omega",
  π: "pi",
};

/**
 * The canonical spelling of a name: Greek letters spelled out, ŷ → yhat, underscores dropped
 * (y_hat → yhat, w_1 → w1). Declared variables and typed names both go through it.
 */
export function normalizeName(name: string): string {
  if (/^[A-Za-z0-9]*$/.test(name)) return name;
  let s = name
    .normalize("NFC")
    .replace(/ŷ/g, "yhat")
    .replace(/y\u0302/g, "yhat");
  s = s.replace(/[α-ω]/g, (ch) => GREEK[ch] ?? ch);
  return s.replace(/_/g, "");
}

type Token =
  { kind: "num"; value: number; at: number } | { kind: "name"; name: string; at: number } | { kind: "op"; op: string; at: number };

// Sticky (y) patterns match exactly at lastIndex, so the tokenizer never copies the rest of the text.
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_][\p{L}\p{M}\d_]*/uy;

function tokenize(source: string): ParseResult<Token[]> {
  const text = normalizeSigns(source)
    .replace(/\*\*/g, "^")
    .replace(/[×·⋅∙]/g, "*")
    .replace(/÷/g, "/")
    .replace(/²/g, "^2")
    .replace(/³/g, "^3");
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      tokens.push({ kind: "num", value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      tokens.push({ kind: "name", name: normalizeName(name[0]), at: i });
      i += name[0].length;
      continue;
    }
    if ("+-*/^()".includes(ch)) {
      tokens.push({ kind: "op", op: ch, at: i });
      i++;
      continue;
    }
    if (ch === "[" || ch === "]" || ch === "{" || ch === "}") {
      return { ok: false, message: `Use round parentheses ( ) for grouping, not “${ch}”.` };
    }
    if (ch === ",") return { ok: false, message: "A formula has no commas; use a point for decimals (0.5)." };
    if (ch === "=") return { ok: false, message: "Enter only the right-hand side of the formula, without “=”." };
    return { ok: false, message: `“${ch}” cannot be used in a formula. Use + - * / ^, parentheses, numbers and names.` };
  }
  return { ok: true, value: tokens };
}

class ParseError extends Error {}

/**
 * Parses a formula. With `options.variables`, names outside that list (and outside the functions
 * exp/log/ln/sqrt/sin/cos/tanh/sigmoid/σ and the constants pi, e) are refused with a message;
 * a run of letters such as "sx" is read as s·x when both are declared variables.
 */
export function parseExpression(text: string, options: ParseExpressionOptions = {}): ParseResult<Expression> {
  if (text.trim() === "") return { ok: false, message: "Enter a formula." };
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const declared = options.variables?.map(normalizeName);
  const known = new Set(declared ?? []);
  const used = new Set<string>();
  const list = tokens.value;
  let pos = 0;

  const peek = (): Token | undefined => list[pos];
  const isOp = (t: Token | undefined, op: string): boolean => t !== undefined && t.kind === "op" && t.op === op;
  const fail = (message: string): never => {
    throw new ParseError(message);
  };
  const functionOf = (name: string): FunctionName | null => {
    if (Object.hasOwn(FUNCTIONS, name)) return name as FunctionName;
    return Object.hasOwn(FUNCTION_ALIASES, name) ? FUNCTION_ALIASES[name] : null;
  };

  // A name that is neither declared nor a constant: try to read it as a product of declared names
  // and constants ("sx" → s·x). Longest names first, with backtracking.
  const splitName = (name: string): string[] | null => {
    if (name === "") return [];
    const candidates = [...known, ...Object.keys(CONSTANTS)].sort((a, b) => b.length - a.length);
    for (const c of candidates) {
      if (c !== "" && name.startsWith(c)) {
        const rest = splitName(name.slice(c.length));
        if (rest) return [c, ...rest];
      }
    }
    return null;
  };
  const nameNode = (name: string): Node => {
    if (known.has(name) || (declared === undefined && !Object.hasOwn(CONSTANTS, name))) {
      used.add(name);
      return { type: "var", name };
    }
    if (Object.hasOwn(CONSTANTS, name)) return { type: "num", value: CONSTANTS[name] };
    const parts = declared ? splitName(name) : null;
    if (parts && parts.length > 1) {
      return parts.map(nameNode).reduce((left, right) => ({ type: "bin", op: "*", left, right }));
    }
    const allowed = declared && declared.length > 0 ? ` You can use: ${declared.join(", ")}.` : "";
    return fail(`Unknown name ${quoteTyped(name)}.${allowed}`);
  };

  const startsPrimary = (t: Token | undefined): boolean => t !== undefined && (t.kind === "num" || t.kind === "name" || isOp(t, "("));

  function sum(): Node {
    let left = product();
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      const op = (list[pos++] as { op: "+" | "-" }).op;
      left = { type: "bin", op, left, right: product() };
    }
    return left;
  }
  function product(): Node {
    let left = unary();
    for (;;) {
      const t = peek();
      if (isOp(t, "*") || isOp(t, "/")) {
        pos++;
        left = { type: "bin", op: (t as { op: "*" | "/" }).op, left, right: unary() };
      } else if (startsPrimary(t)) {
        const prev = list[pos - 1];
        if (prev.kind === "num" && t!.kind === "num") fail("Two numbers in a row: put an operator between them.");
        left = { type: "bin", op: "*", left, right: power() };
      } else return left;
    }
  }
  function unary(): Node {
    if (isOp(peek(), "-")) {
      pos++;
      return { type: "neg", arg: unary() };
    }
    if (isOp(peek(), "+")) {
      pos++;
      return unary();
    }
    return power();
  }
  function power(): Node {
    const base = primary();
    if (isOp(peek(), "^")) {
      pos++;
      return { type: "bin", op: "^", left: base, right: unary() };
    }
    return base;
  }
  function primary(): Node {
    const t = peek();
    if (t === undefined) return fail("The formula ends too early: something is missing after the last operator.");
    pos++;
    if (t.kind === "num") return { type: "num", value: t.value };
    if (t.kind === "name") {
      const fn = functionOf(t.name);
      // A declared variable called like a function, s(1 − s), is implicit multiplication.
      if (fn !== null && !known.has(t.name)) {
        if (!isOp(peek(), "(")) fail(`Write ${t.name}( … ) with parentheses around its argument.`);
        pos++;
        const arg = sum();
        if (!isOp(peek(), ")")) fail(`A “)” is missing after the argument of ${t.name}.`);
        pos++;
        return { type: "call", fn, arg };
      }
      return nameNode(t.name);
    }
    if (t.op === "(") {
      if (isOp(peek(), ")")) fail("Empty parentheses “()”.");
      const inner = sum();
      if (!isOp(peek(), ")")) fail("A “(” is never closed: add “)”.");
      pos++;
      return inner;
    }
    if (t.op === ")") return fail("There is a “)” without a matching “(”.");
    return fail(`“${t.op}” needs something before it.`);
  }

  try {
    const tree = sum();
    if (pos < list.length) {
      const t = list[pos];
      fail(t.kind === "op" && t.op === ")" ? "There is a “)” without a matching “(”." : "Unexpected text after the end of the formula.");
    }
    const variables = [...used].sort();
    return { ok: true, value: { variables, evaluate: (values) => evaluate(tree, values) } };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, message: error.message };
    throw error;
  }
}

function evaluate(node: Node, values: Readonly<Record<string, number>>): number {
  switch (node.type) {
    case "num":
      return node.value;
    case "var": {
      const v = values[node.name];
      if (v === undefined) throw new RangeError(`No value given for the variable “${node.name}”`);
      return v;
    }
    case "neg":
      return -evaluate(node.arg, values);
    case "call":
      return FUNCTIONS[node.fn](evaluate(node.arg, values));
    case "bin": {
      const a = evaluate(node.left, values);
      const b = evaluate(node.right, values);
      switch (node.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
        case "^":
          return a ** b;
      }
    }
  }
}

/** Evaluates a formula at a point given with un-normalised names ({ "ŷ": 0.3 } works like { yhat: 0.3 }). */
export function evaluateAt(expression: Expression, point: Readonly<Record<string, number>>): number {
  const values: Record<string, number> = {};
  for (const [name, v] of Object.entries(point)) values[normalizeName(name)] = v;
  return expression.evaluate(values);
}
