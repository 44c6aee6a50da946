import { describe, expect, it } from "vitest";
import { csvCell, exerciseColumns, tableCell, toCsv } from "./csv.ts";

describe("CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(toCsv([["a,b", 'say "hi"', "two\nlines", 3]])).toBe('"a,b","say ""hi""","two\nlines",3\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("Ada")).toBe("Ada");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("names exercise columns by family, numbering a family that appears more than once", () => {
    expect(exerciseColumns(["neuron-output", "neuron-output", "dense-params"])).toEqual([
      "neuron-output #1",
      "neuron-output #2",
      "dense-params",
    ]);
    expect(exerciseColumns(["dense-params"], (id) => id.toUpperCase())).toEqual(["DENSE-PARAMS"]);
  });

  it("guards the plain table's cells too, and keeps a name from adding columns or rows", () => {
    expect(tableCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(tableCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(tableCell("Ada\tLovelace\nx")).toBe("Ada Lovelace x");
    expect(tableCell(-2)).toBe("-2");
  });
});
