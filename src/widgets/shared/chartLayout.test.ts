import { describe, expect, it } from "vitest";
import { clampTo, formatNumber, formatScientific, plotArea, texNumber } from "./chartLayout.ts";

describe("plotArea", () => {
  it("subtracts the margins from the SVG size", () => {
    const area = plotArea(400, 300, { top: 10, right: 20, bottom: 30, left: 40 });
    expect(area).toMatchObject({ left: 40, right: 380, top: 10, bottom: 270, innerWidth: 340, innerHeight: 260 });
  });
  it("never yields a negative plot size", () => {
    expect(plotArea(10, 10).innerWidth).toBe(0);
    expect(plotArea(10, 10).innerHeight).toBe(0);
  });
});

describe("number formatting", () => {
  it("drops trailing zeros and uses a true minus sign", () => {
    expect(formatNumber(1.5, 2)).toBe("1.5");
    expect(formatNumber(-0.125, 2)).toBe("−0.13");
    expect(formatNumber(-0.0001, 2)).toBe("0");
  });
  it("writes TeX with an ASCII minus", () => {
    expect(texNumber(-2.25)).toBe("-2.25");
    expect(texNumber(Infinity)).toBe("\\infty");
  });
  it("switches to scientific notation for very small or large values", () => {
    expect(formatScientific(3.2e-7)).toBe("3.2e−7");
    expect(formatScientific(0.5)).toBe("0.5");
    expect(formatScientific(0)).toBe("0");
  });
  it("writes TeX with significant digits, switching to powers of ten for tiny values", async () => {
    const { texSignificant } = await import("./chartLayout.ts");
    expect(texSignificant(-0.07038123)).toBe("-0.07038");
    expect(texSignificant(1.24344)).toBe("1.243");
    expect(texSignificant(2.5e-7)).toBe("2.5 \\times 10^{-7}");
    expect(texSignificant(0)).toBe("0");
  });
  it("clamps", () => {
    expect(clampTo(5, 0, 1)).toBe(1);
    expect(clampTo(-5, 0, 1)).toBe(0);
  });
});
