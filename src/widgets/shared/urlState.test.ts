import { describe, expect, it } from "vitest";
import { booleanField, choiceField, numberField, numberListField, parseState, serializeState } from "./urlState.ts";

const schema = {
  lr: numberField(0.1, { min: 0, max: 10 }),
  steps: numberField(30, { min: 1, max: 1000, integer: true }),
  optimizer: choiceField("adam", ["sgd", "momentum", "adam"] as const),
  paused: booleanField(false),
  layers: numberListField([8, 8], numberField(4, { min: 1, max: 64, integer: true }), { min: 1, max: 4 }),
};

describe("URL state schema", () => {
  it("reads typed values and keeps defaults for absent keys", () => {
    const { state, problems } = parseState(schema, new URLSearchParams("w.lr=0.5&w.optimizer=sgd&w.layers=4,2"), "w");
    expect(state).toEqual({ lr: 0.5, steps: 30, optimizer: "sgd", paused: false, layers: [4, 2] });
    expect(problems).toEqual([]);
  });

  it("round-trips a state through the query string, writing only what differs from the defaults", () => {
    const state = { lr: 2.5, steps: 30, optimizer: "momentum" as const, paused: true, layers: [8, 8] };
    const params = serializeState(schema, state, "w");
    expect(params.toString()).toBe("w.lr=2.5&w.optimizer=momentum&w.paused=1");
    expect(parseState(schema, params, "w").state).toEqual(state);
  });

  it("ignores odd values with a message naming the parameter and the reason, never throwing", () => {
    const { state, problems } = parseState(schema, new URLSearchParams("lr=abc&steps=2.5&optimizer=adamw&paused=maybe&layers=8,,0"));
    expect(state).toEqual({ lr: 0.1, steps: 30, optimizer: "adam", paused: false, layers: [8, 8] });
    expect(problems).toEqual([
      "lr=abc ignored: not a number",
      "steps=2.5 ignored: must be a whole number",
      "optimizer=adamw ignored: must be one of sgd, momentum, adam",
      "paused=maybe ignored: must be true or false",
      "layers=8,,0 ignored: item 2 must be between 1 and 64",
    ]);
  });

  it("rejects out-of-range numbers rather than silently clamping them", () => {
    expect(parseState(schema, new URLSearchParams("lr=-1")).problems).toEqual(["lr=-1 ignored: must be between 0 and 10"]);
    // Too large to be finite is still a number, and still out of range.
    expect(parseState(schema, new URLSearchParams("lr=1e999")).problems).toEqual(["lr=1e999 ignored: must be between 0 and 10"]);
  });

  it("accepts a typographic minus sign", () => {
    const signed = { x: numberField(0, { min: -5, max: 5 }) };
    expect(parseState(signed, new URLSearchParams("x=\u22122")).state.x).toBe(-2);
  });

  it("leaves other widgets' parameters untouched when serialising", () => {
    const params = new URLSearchParams("other.k=1&w.lr=0.5");
    serializeState(schema, { lr: 0.1, steps: 30, optimizer: "adam", paused: false, layers: [8, 8] }, "w", params);
    expect(params.toString()).toBe("other.k=1");
  });
});
