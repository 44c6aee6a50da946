import { describe, expect, it } from "vitest";
import { DEFAULT_FRAME_HEIGHT, MIN_FRAME_HEIGHT, cleanState, frameSrc, parseHeight, readPlaceholder } from "./placeholder.ts";
import { MAX_HEIGHT } from "./protocol.ts";

describe("readPlaceholder (the loader's reading of a host page's placeholder)", () => {
  it("reads name, state, height, title and theme", () => {
    const read = readPlaceholder({
      name: "optimizer-race",
      state: "race.lr=0.1&race.opt=adam",
      height: "700",
      title: "Race",
      theme: "dark",
    });
    expect(read).toEqual({
      ok: true,
      spec: { name: "optimizer-race", state: "race.lr=0.1&race.opt=adam", height: 700, title: "Race", theme: "dark" },
    });
  });

  it("falls back to defaults for missing or unreadable attributes", () => {
    const read = readPlaceholder({ name: " exercise/neuron-output ", state: null, height: "tall", title: null, theme: "blue" });
    expect(read).toEqual({
      ok: true,
      spec: {
        name: "exercise/neuron-output",
        state: "",
        height: DEFAULT_FRAME_HEIGHT,
        title: "Deep Sky: exercise/neuron-output",
        theme: null,
      },
    });
  });

  it("refuses a placeholder without a valid name, with a message", () => {
    for (const name of [null, "", "../../evil", "https://evil.example/x", "<script>alert(1)</script>", "a".repeat(100)]) {
      const read = readPlaceholder({ name });
      expect(read.ok, String(name)).toBe(false);
    }
  });

  it("clamps heights to what a frame can sensibly be", () => {
    expect(parseHeight("10")).toBe(MIN_FRAME_HEIGHT);
    expect(parseHeight("99999999")).toBe(MAX_HEIGHT);
    expect(parseHeight("12.5")).toBe(DEFAULT_FRAME_HEIGHT);
  });

  it("keeps control characters out of the title and bounds its length", () => {
    const read = readPlaceholder({ name: "optimizer-race", title: `a\nb${"x".repeat(300)}` });
    expect(read.ok && read.spec.title.length).toBe(120);
    expect(read.ok && read.spec.title.startsWith("a b")).toBe(true);
  });
});

describe("cleanState", () => {
  it("keeps widget parameters and drops reserved, malformed and oversized ones", () => {
    expect(cleanState("race.lr=0.1&parent=https://evil.example&theme=dark&seed=12&level=2")).toBe("race.lr=0.1&seed=12&level=2");
    expect(cleanState("?race.lr=0.1")).toBe("race.lr=0.1");
    expect(cleanState("race.lr.adam=0.05&race.on.sgd=0")).toBe("race.lr.adam=0.05&race.on.sgd=0");
    expect(cleanState("<script>=1&a b=2&race.lr=" + "9".repeat(500))).toBe("");
    expect(cleanState("x".repeat(3000))).toBe("");
    expect(cleanState("race.lr=%0A1")).toBe("");
  });
});

describe("frameSrc", () => {
  const spec = { name: "optimizer-race", state: "race.lr=0.1", height: 600, title: "Race", theme: "dark" as const };

  it("addresses the embed page on the Deep Sky site with the host's origin as parent", () => {
    expect(frameSrc("https://deep-sky.example.org/", spec, "https://course.example")).toBe(
      "https://deep-sky.example.org/embed/optimizer-race/?race.lr=0.1&parent=https%3A%2F%2Fcourse.example&theme=dark",
    );
  });

  it("leaves parent out when the host's origin is not one (file://, sandboxed: 'null')", () => {
    expect(frameSrc("https://deep-sky.example.org/sub/", { ...spec, theme: null }, "null")).toBe(
      "https://deep-sky.example.org/sub/embed/optimizer-race/?race.lr=0.1",
    );
  });
});
