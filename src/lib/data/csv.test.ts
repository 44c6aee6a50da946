import { describe, expect, it } from "vitest";
import { numericColumns, parseCell, parseCsv, tableToDataset } from "./csv.ts";

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join("\n");
const good = "g_r,r_i,z\n" + rows(12, (i) => `${0.1 * i},${0.2 * i},${i % 3}`);

describe("parseCell", () => {
  it("reads plain, signed and scientific numbers and rejects words and blanks", () => {
    expect(parseCell(" 1.5 ")).toBe(1.5);
    expect(parseCell("-2e-3")).toBe(-0.002);
    expect(parseCell("\u22123")).toBe(-3);
    expect(parseCell(".5")).toBe(0.5);
    expect(parseCell("abc")).toBeNull();
    expect(parseCell("")).toBeNull();
    expect(parseCell("1,5")).toBeNull();
    expect(parseCell("NaN")).toBeNull();
  });
});

describe("parseCsv", () => {
  it("reads a header and rows with commas", () => {
    const r = parseCsv(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.columns).toEqual(["g_r", "r_i", "z"]);
    expect(r.table.rows).toHaveLength(12);
    expect(r.table.hasHeader).toBe(true);
  });

  it("detects semicolons and tabs, skips blank and # comment lines, and handles quotes and CRLF", () => {
    const semi = parseCsv('# my table\r\n"a";"b ""q"""\r\n' + rows(10, (i) => `${i};${2 * i}`).replace(/\n/g, "\r\n") + "\r\n\r\n");
    expect(semi.ok && semi.table.columns).toEqual(["a", 'b "q"']);
    expect(semi.ok && semi.table.delimiter).toBe(";");
    const tab = parseCsv(rows(10, (i) => `${i}\t${i * i}`));
    expect(tab.ok && tab.table.hasHeader).toBe(false);
    expect(tab.ok && tab.table.columns).toEqual(["column 1", "column 2"]);
  });

  it("explains an empty file", () => {
    expect(parseCsv("")).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseCsv("\n  \n")).toMatchObject({ ok: false });
  });

  it("explains a binary file that is not CSV", () => {
    const r = parseCsv("\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR");
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/not look like a CSV/) });
  });

  it("explains a file with a single column (no separator)", () => {
    expect(parseCsv("hello world\nthis is prose\n")).toMatchObject({ ok: false, message: expect.stringMatching(/Only one column/) });
  });

  it("explains too few rows, too many rows and too many columns", () => {
    expect(parseCsv("a,b\n1,2\n3,4")).toMatchObject({ ok: false, message: expect.stringMatching(/Too few rows: 2 data rows/) });
    expect(
      parseCsv(
        rows(30, (i) => `${i},${i}`),
        { maxRows: 20 },
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/Too many rows/) });
    const wide = Array.from({ length: 25 }, (_, j) => `c${j}`).join(",");
    expect(parseCsv(wide + "\n" + wide)).toMatchObject({ ok: false, message: expect.stringMatching(/Too many columns: 25/) });
  });

  it("names the line whose field count differs from the header", () => {
    const r = parseCsv("a,b,c\n1,2,3\n4,5\n" + rows(10, () => "1,2,3"));
    expect(r).toMatchObject({ ok: false, message: "Line 3 has 2 fields but the header has 3." });
  });

  it("rejects text larger than the limit before reading it", () => {
    expect(parseCsv("x".repeat(101), { maxChars: 100 })).toMatchObject({ ok: false, message: expect.stringMatching(/too large/) });
  });
});

describe("tableToDataset", () => {
  it("builds inputs and target from the chosen columns and detects a 0/1 target as classification", () => {
    const r = parseCsv("a,b,label\n" + rows(10, (i) => `${i},${-i},${i % 2}`));
    if (!r.ok) throw new Error(r.message);
    const d = tableToDataset(r.table, [0, 1], 2);
    expect(d.ok && d.dataset.task).toBe("classification");
    expect(d.ok && d.dataset.x[3]).toEqual([3, -3]);
    const reg = tableToDataset(r.table, [1], 0);
    expect(reg.ok && reg.dataset.task).toBe("regression");
  });

  it("names the column and line of a non-numeric cell", () => {
    const r = parseCsv("name,x,y\n" + rows(10, (i) => `gal${i},${i},${2 * i}`));
    if (!r.ok) throw new Error(r.message);
    expect(numericColumns(r.table)).toEqual([1, 2]);
    expect(tableToDataset(r.table, [0], 2)).toEqual({
      ok: false,
      message: expect.stringMatching(/Column “name” is not numeric: line 2 has “gal0”/),
    });
  });

  it("refuses an empty input choice and a column used twice", () => {
    const r = parseCsv(good);
    if (!r.ok) throw new Error(r.message);
    expect(tableToDataset(r.table, [], 2)).toMatchObject({ ok: false });
    expect(tableToDataset(r.table, [2], 2)).toMatchObject({ ok: false, message: expect.stringMatching(/both an input and the target/) });
  });
});
