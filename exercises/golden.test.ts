import { describe, expect, it } from "vitest";
import { answerText } from "../src/lib/grading/index.ts";
import { createExercise } from "./registry.ts";

/**
 * Golden exercises: the same (family, version, seed, level) must give these exact answers on every
 * machine. If one changes, the family's numbers changed: bump its version (and update the value here).
 */
const GOLDEN: [family: string, seed: string, level: number, answer: Record<string, string>, promptStart: string][] = [
  ["neuron-output", "golden", 2, { y: "0.48" }, "A neuron computes $y = \\sigma(\\mathbf{w}\\cdot\\mathbf{x} + b)$."],
  ["dense-params", "golden", 2, { count: "312" }, "How many trainable parameters (weights and biases)"],
  ["conv-output-shape", "golden", 3, { height: "16", width: "40", channels: "8" }, "A 48×120×1 image"],
  [
    "adam-steps",
    "golden",
    2,
    { m: "0.241", v: "0.00337", theta: "-0.9198" },
    "Update one parameter with this rule, starting from $\\theta_0 = -0.9$",
  ],
  [
    "softmax-probabilities",
    "golden",
    3,
    { p: "[0.1196, 0.8, 0.0538, 0.0267]" },
    "A classifier's last layer outputs the logits $\\mathbf{z} = [-0.3, 1.6, -1.1,",
  ],
  ["updates-per-epoch", "golden", 3, { updates: "130", last: "31" }, "A galaxy catalogue of N = 6481 training images"],
];

describe("golden exercises are identical on every machine", () => {
  for (const [family, seed, level, expected, promptStart] of GOLDEN) {
    it(`${family} seed “${seed}” level ${level} has its locked answer`, () => {
      const e = createExercise(family, seed, level);
      const got = Object.fromEntries(Object.entries(e.answer).map(([part, spec]) => [part, answerText(spec)]));
      expect(got).toEqual(expected);
      expect(e.prompt.startsWith(promptStart)).toBe(true);
    });
  }
});
