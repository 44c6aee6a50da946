import { describe, expect, it } from "vitest";
import { MAX_HEIGHT, challengeResult, exerciseResult, isEmbedName, parseEmbedMessage, readyMessage, resizeMessage } from "./protocol.ts";

describe("embed names", () => {
  it("are lower-case hyphenated words, optionally under exercise/", () => {
    expect(isEmbedName("optimizer-race")).toBe(true);
    expect(isEmbedName("exercise/neuron-output")).toBe(true);
    for (const bad of ["", "Optimizer", "a--b", "-a", "a/b/c", "../x", "a b", "<script>", 42, null])
      expect(isEmbedName(bad), String(bad)).toBe(false);
  });
});

describe("parseEmbedMessage", () => {
  const exercise = exerciseResult("exercise/neuron-output", { family: "neuron-output", seed: "123", level: 2, earned: 1, total: 2 });

  it("accepts each message the embed sends, unchanged", () => {
    for (const message of [
      readyMessage("optimizer-race"),
      resizeMessage(640),
      exercise,
      challengeResult("optimizer-race", "race-adam-rosenbrock"),
    ]) {
      expect(parseEmbedMessage(structuredClone(message))).toEqual(message);
    }
  });

  it("rounds heights up and refuses negative, huge or non-finite ones", () => {
    expect(resizeMessage(100.2).height).toBe(101);
    expect(resizeMessage(1e9).height).toBe(MAX_HEIGHT);
    for (const height of [-1, MAX_HEIGHT + 1, Number.NaN, Number.POSITIVE_INFINITY, "500", null]) {
      expect(parseEmbedMessage({ type: "deep-sky:resize", height })).toBe(null);
    }
  });

  it("refuses unknown types, extra keys, wrong types and odd strings", () => {
    for (const bad of [
      null,
      "deep-sky:ready",
      [],
      42,
      { type: "deep-sky:ready" },
      { type: "deep-sky:ready", name: "<img src=x onerror=alert(1)>" },
      { type: "deep-sky:ready", name: "optimizer-race", extra: 1 },
      { type: "deep-sky:other", name: "optimizer-race" },
      { ...exercise, earned: 3 },
      { ...exercise, level: 1.5 },
      { ...exercise, seed: "x".repeat(41) },
      { ...exercise, seed: "<script>" },
      { ...exercise, family: "Neuron Output" },
      { ...exercise, kind: "other" },
      { type: "deep-sky:result", kind: "challenge", name: "optimizer-race", challenge: "a b" },
      Object.assign(Object.create({ polluted: true }), readyMessage("x")),
    ]) {
      expect(parseEmbedMessage(bad), JSON.stringify(bad)).toBe(null);
    }
  });

  it("returns a new object, so nothing but the checked fields travels on", () => {
    const sent = { type: "deep-sky:ready", name: "optimizer-race" };
    const parsed = parseEmbedMessage(sent);
    expect(parsed).not.toBe(sent);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("never throws on random input", () => {
    let x = 12345;
    const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const pieces = [null, undefined, 0, -1, 1e308, "", "deep-sky:result", "exercise", "challenge", {}, [], "\u0000", "a".repeat(5000)];
    for (let i = 0; i < 2000; i++) {
      const message: Record<string, unknown> = {};
      for (const key of ["type", "kind", "name", "family", "seed", "level", "earned", "total", "height", "challenge"]) {
        if (rand() < 0.6) message[key] = pieces[Math.floor(rand() * pieces.length)];
      }
      expect(() => parseEmbedMessage(message)).not.toThrow();
    }
  });
});
