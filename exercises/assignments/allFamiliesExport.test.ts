// Every family at every level through both LMS exports: well-formed, every chart travels as an image
// with alt text that tells the options apart, no number in exponent notation where an engine reads
// it, ordering questions accept every accepted order, and the export report says what it should.
import { describe, expect, it } from "vitest";
import { families } from "../registry.ts";
import type { Assignment } from "./assignment.ts";
import { chartAlt } from "./chartSvg.ts";
import { exportReport, lmsItems } from "./lms.ts";
import { moodleXml } from "./moodle.ts";
import { plainDecimal } from "./plainDecimal.ts";
import { qtiFiles, qtiPackage } from "./qti.ts";
import type { XmlElement } from "./xmlCheck.test-util.ts";
import { findAll, parseXml } from "./xmlCheck.test-util.ts";

const VARIANTS = 5;
const all: Assignment = {
  id: "AllFamilies1",
  title: "Every family",
  attempts: 3,
  hints: true,
  items: families.flatMap((f) => f.levels.map((level) => ({ family: f.id, version: f.version, level, count: 1 }))),
};
const items = lmsItems(all, VARIANTS);
const exercises = items.flatMap((i) => i.variants);
const PLAIN = /^-?\d+(\.\d+)?$/;
const textOf = (el: XmlElement): string => el.text + el.children.map(textOf).join("");

describe("plain decimals for LMS engines", () => {
  it.each([
    [1e-9, "0.000000001"],
    [-2.5e-7, "-0.00000025"],
    [1.5e21, "1500000000000000000000"],
    [123.456, "123.456"],
    [0.1 + 0.2, "0.3"],
    [42, "42"],
    [0, "0"],
  ])("%s → %s", (x, text) => {
    expect(plainDecimal(x)).toBe(text);
    expect(Number(plainDecimal(x))).toBeCloseTo(x, 12);
  });
});

describe(`an all-families export (${exercises.length} questions)`, () => {
  const charted = exercises.filter((e) => e.figure || e.parts.some((p) => p.options?.some((o) => o.plot)));

  it("chart options get alt texts that tell them apart (the families' own alt text is one sentence for all)", () => {
    expect(charted.length).toBeGreaterThan(0);
    for (const e of charted) {
      for (const p of e.parts) {
        const plots = (p.options ?? []).flatMap((o) => (o.plot ? [o.plot] : []));
        expect(new Set(plots.map(chartAlt)).size).toBe(plots.length);
        for (const alt of plots.map(chartAlt)) expect(alt).not.toMatch(/\de[+-]?\d/);
      }
    }
  });

  it("Moodle XML: well-formed; every chart is an @@PLUGINFILE@@ image with its base64 SVG stored beside it; no exponents in numbers", () => {
    const xml = moodleXml(all, VARIANTS);
    console.log(`all-families Moodle XML (${VARIANTS} variants, ${exercises.length} questions): ${(xml.length / 1024).toFixed(0)} KiB`);
    const quiz = parseXml(xml);
    const questions = findAll(quiz, "question").filter((q) => q.attrs.type !== "category");
    expect(questions).toHaveLength(exercises.length);
    let images = 0;
    for (const holder of [...findAll(quiz, "questiontext"), ...findAll(quiz, "answer")]) {
      const html = findAll(holder, "text")[0]?.text ?? "";
      const files = new Map(holder.children.filter((c) => c.name === "file").map((f) => [f.attrs.name, f]));
      for (const [, name] of html.matchAll(/@@PLUGINFILE@@\/([^"]+)"/g)) {
        images++;
        const file = files.get(name);
        expect(file, name).toBeDefined();
        expect(file!.attrs.encoding).toBe("base64");
        const svg = new TextDecoder().decode(Uint8Array.from(atob(file!.text), (c) => c.charCodeAt(0)));
        expect(parseXml(svg).name).toBe("svg");
      }
      expect(html).not.toMatch(/alt=""/);
    }
    const chartCount = charted.reduce(
      (n, e) => n + (e.figure ? 1 : 0) + e.parts.reduce((m, p) => m + (p.options ?? []).filter((o) => o.plot).length, 0),
      0,
    );
    expect(images).toBe(chartCount);
    expect(xml).not.toContain("not exported");
    for (const tol of findAll(quiz, "tolerance")) expect(tol.text).toMatch(PLAIN);
    for (const q of questions.filter((q) => q.attrs.type === "numerical"))
      expect(findAll(findAll(q, "answer")[0], "text")[0].text).toMatch(PLAIN);
    for (const [, value, tol] of xml.matchAll(/\{1:NUMERICAL:=([^:}]+):([^}]+)\}/g)) {
      expect(value).toMatch(PLAIN);
      expect(tol).toMatch(PLAIN);
    }
  });

  it("QTI 2.1: every item well-formed, every image in the zip and the manifest, tolerances and values in plain decimal", () => {
    const files = qtiFiles(all, VARIANTS);
    const zip = qtiPackage(all, VARIANTS);
    console.log(`all-families QTI 2.1 zip (${VARIANTS} variants): ${(zip.length / 1024).toFixed(0)} KiB`);
    const byName = new Map(files.map((f) => [f.name, f.text]));
    const manifest = parseXml(byName.get("imsmanifest.xml")!);
    const listed = new Set(findAll(manifest, "file").map((f) => f.attrs.href));
    let images = 0;
    for (const f of files.filter((f) => f.name.startsWith("items/") && f.name.endsWith(".xml"))) {
      const item = parseXml(f.text);
      expect(item.name).toBe("assessmentItem");
      expect(listed.has(f.name)).toBe(true);
      for (const img of findAll(item, "img")) {
        images++;
        const path = `items/${img.attrs.src}`;
        expect(byName.has(path), path).toBe(true);
        expect(listed.has(path)).toBe(true);
        expect(img.attrs.alt.length).toBeGreaterThan(20);
        expect(parseXml(byName.get(path)!).name).toBe("svg");
      }
      for (const eq of findAll(item, "equal")) for (const t of eq.attrs.tolerance.split(" ")) expect(t).toMatch(PLAIN);
      for (const decl of findAll(item, "responseDeclaration").filter((d) => d.attrs.baseType === "float"))
        for (const v of findAll(decl, "value")) expect(v.text).toMatch(PLAIN);
      expect(f.text).not.toContain("not exported");
    }
    expect(images).toBeGreaterThan(0);
  });

  it("ordering questions with several accepted orders accept each of them", () => {
    const multi = exercises.filter((e) => Object.values(e.answer).some((s) => s.kind === "ordering" && (s.alsoCorrect?.length ?? 0) > 0));
    if (multi.length === 0) return;
    const files = qtiFiles(all, VARIANTS);
    const xml = moodleXml(all, VARIANTS);
    for (const e of multi) {
      const spec = Object.values(e.answer).find((s) => s.kind === "ordering")!;
      if (spec.kind !== "ordering") continue;
      for (const order of spec.alsoCorrect!) expect(xml).toContain(`>${order.join(", ")}</text>`);
    }
    const withOr = files.filter((f) => f.text.includes("<orderInteraction") && f.text.includes("<or><match>"));
    expect(withOr.length).toBeGreaterThan(0);
    expect(textOf(parseXml(withOr[0].text))).toBeDefined();
  });

  it("the export report lists hand-graded formulas, Moodle's per-blank marks and the charts", () => {
    const moodle = exportReport(all, VARIANTS, "moodle").join("\n");
    const qti = exportReport(all, VARIANTS, "qti").join("\n");
    expect(moodle).toMatch(/graded by hand \(essay question\)/);
    expect(qti).toMatch(/graded by hand \(extendedTextInteraction\)/);
    expect(moodle).toMatch(/each vector or matrix entry counts as a full mark/);
    expect(moodle).toMatch(/charts? exported as SVG images/);
    const zipNames = qtiFiles(all, VARIANTS).map((f) => f.name);
    expect(zipNames).toContain("export-report.txt");
    expect(moodleXml(all, VARIANTS)).toMatch(/^<\?xml[^>]*>\n<!--\n {2}Deep Sky export/);
  });
});
