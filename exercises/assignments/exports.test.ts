import { describe, expect, it } from "vitest";
import { createExercise } from "../registry.ts";
import { toleranceWidth } from "../../src/lib/grading/index.ts";
import type { Assignment } from "./assignment.ts";
import { lmsItems, lmsKind } from "./lms.ts";
import { moodleXml } from "./moodle.ts";
import { qtiFiles, qtiPackage } from "./qti.ts";
import { item, sampleAssignment } from "./sampleWork.test-util.ts";
import { escapeXml, promptToXhtml } from "./xml.ts";
import { findAll, parseXml, readZip } from "./xmlCheck.test-util.ts";
import { crc32, zipStore } from "./zip.ts";

const a: Assignment = sampleAssignment({
  title: 'Week 3 <script>alert("x")</script> & more',
  items: [
    item("neuron-output", 1, 2),
    item("activation-property", 2, 1),
    item("training-step-order", 1, 1),
    item("layer-output", 1, 1),
    item("activation-derivative-formula", 1, 1),
    item("adam-steps", 1, 1),
    item("learning-rate-diagnosis", 1, 1),
    item("dense-params", 1, 1),
  ],
});
const VARIANTS = 3;

describe("XML text", () => {
  it("escapes the five XML specials and drops characters XML cannot hold", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  });

  it("turns prompts into well-formed XHTML with TeX kept for MathJax", () => {
    const html = promptToXhtml("A **bold** $x < y$ claim.\n\n| a | b |\n|---|--:|\n| $1$ | <b> |\n\n- one\n- two");
    expect(() => parseXml(`<div>${html}</div>`)).not.toThrow();
    expect(html).toContain("\\(x &lt; y\\)");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<td>&lt;b&gt;</td>");
  });
});

describe("Moodle XML", () => {
  const xml = moodleXml(a, VARIANTS);
  const quiz = parseXml(xml);
  const questions = findAll(quiz, "question");

  it("is well-formed, with a category per item and N variants in each", () => {
    expect(quiz.name).toBe("quiz");
    expect(questions.filter((q) => q.attrs.type === "category")).toHaveLength(a.items.length);
    expect(questions.filter((q) => q.attrs.type !== "category")).toHaveLength(a.items.length * VARIANTS);
    expect(xml).not.toContain("<script>");
  });

  it("maps kinds: numerical, multichoice, shortanswer, cloze and essay", () => {
    const types = questions.filter((q) => q.attrs.type !== "category").map((q) => q.attrs.type);
    expect(types).toEqual(
      ["numerical", "multichoice", "shortanswer", "cloze", "essay", "cloze", "multichoice", "numerical"].flatMap((t, i) =>
        Array(i === 0 ? VARIANTS * 1 : VARIANTS).fill(t),
      ),
    );
  });

  it("numerical questions carry the right answer and its absolute tolerance", () => {
    const items = lmsItems(a, VARIANTS);
    const numerical = questions.filter((q) => q.attrs.type === "numerical");
    const first = items[0].variants[0];
    const spec = first.answer.y;
    if (spec.kind !== "number") throw new Error("neuron-output should be a number");
    const answer = findAll(numerical[0], "answer")[0];
    expect(answer.attrs.fraction).toBe("100");
    expect(Number(findAll(answer, "text")[0].text)).toBeCloseTo(spec.value, 9);
    expect(Number(findAll(answer, "tolerance")[0].text)).toBeCloseTo(toleranceWidth(spec.value, spec.tolerance), 12);
    // Integers: exact.
    const dense = numerical[numerical.length - 1];
    expect(findAll(dense, "tolerance")[0].text).toBe("0");
  });

  it("multichoice questions have exactly one right option, and the right one", () => {
    const e = lmsItems(a, VARIANTS)[1].variants[0];
    const spec = e.answer[e.parts[0].id];
    if (spec.kind !== "choice") throw new Error("choice expected");
    const q = questions.filter((q) => q.attrs.type === "multichoice")[0];
    const answers = findAll(q, "answer");
    expect(answers).toHaveLength(spec.options.length);
    expect(answers.filter((x) => x.attrs.fraction === "100")).toHaveLength(1);
    const right = answers.findIndex((x) => x.attrs.fraction === "100");
    expect(spec.options[right].id).toBe(spec.correct);
  });

  it("cloze questions have one NUMERICAL blank per vector entry, with tolerances", () => {
    const e = lmsItems(a, VARIANTS)[3].variants[0];
    const spec = Object.values(e.answer)[0];
    if (spec.kind !== "vector") throw new Error("vector expected");
    const q = questions.filter((q) => q.attrs.type === "cloze")[0];
    const text = findAll(findAll(q, "questiontext")[0], "text")[0].text;
    const blanks = [...text.matchAll(/\{1:NUMERICAL:=([^:}]+):([^}]+)\}/g)];
    expect(blanks).toHaveLength(spec.value.length);
    blanks.forEach((b, i) => expect(Number(b[1])).toBeCloseTo(spec.value[i], 9));
    // The question text is HTML that parses.
    expect(() => parseXml(`<div>${text}</div>`)).not.toThrow();
  });

  it("essay questions (formulas) give the grader the accepted formula", () => {
    const q = questions.filter((q) => q.attrs.type === "essay")[0];
    expect(findAll(q, "graderinfo")[0].children[0].text).toMatch(/Grade by hand/);
  });

  it("every variant is the exercise the registry makes for its seed", () => {
    const e = lmsItems(a, VARIANTS)[0].variants[2];
    expect(createExercise(e.id, e.seed, e.level).prompt).toBe(e.prompt);
    expect(lmsKind(e)).toBe("numerical");
  });
});

describe("QTI 2.1 package", () => {
  it("CRC-32 of '123456789' is CBF43926 (the standard check value)", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("the zip writer's output reads back with matching CRCs and UTF-8 names", () => {
    const files = readZip(
      zipStore([
        { name: "a.txt", data: "hello" },
        { name: "dir/é.xml", data: "<x/>" },
      ]),
      crc32,
    );
    expect([...files.keys()]).toEqual(["a.txt", "dir/é.xml"]);
    expect(new TextDecoder().decode(files.get("a.txt"))).toBe("hello");
    expect(() => zipStore([{ name: "../evil", data: "" }])).toThrow();
  });

  it("holds a manifest, a test and one item per variant, all well-formed", () => {
    const files = readZip(qtiPackage(a, VARIANTS), crc32);
    const text = (name: string) => new TextDecoder().decode(files.get(name));
    const manifest = parseXml(text("imsmanifest.xml"));
    const resources = findAll(manifest, "resource");
    expect(resources.filter((r) => r.attrs.type === "imsqti_item_xmlv2p1")).toHaveLength(a.items.length * VARIANTS);
    for (const r of resources) expect(files.has(r.attrs.href)).toBe(true);
    const test = parseXml(text("assessment.xml"));
    const sections = findAll(test, "assessmentSection");
    expect(sections).toHaveLength(a.items.length);
    expect(findAll(sections[0], "selection")[0].attrs.select).toBe("2");
    expect(findAll(test, "assessmentItemRef")).toHaveLength(a.items.length * VARIANTS);
    expect(test.attrs.title).toBe(a.title);
    for (const [name, bytes] of files) {
      if (!name.endsWith(".xml") && !name.endsWith(".svg")) continue;
      const root = parseXml(new TextDecoder().decode(bytes));
      if (name.startsWith("items/") && name.endsWith(".xml")) {
        expect(root.name).toBe("assessmentItem");
        expect(findAll(root, "responseDeclaration").length).toBeGreaterThan(0);
      }
    }
  });

  it("scores numbers with an absolute tolerance around the correct value", () => {
    const files = qtiFiles(a, VARIANTS);
    const item = parseXml(files.find((f) => f.name === "items/ITEM_1_1.xml")!.text);
    const e = lmsItems(a, VARIANTS)[0].variants[0];
    const spec = e.answer.y;
    if (spec.kind !== "number") throw new Error("number expected");
    const decl = findAll(item, "responseDeclaration")[0];
    expect(decl.attrs.baseType).toBe("float");
    expect(Number(findAll(decl, "value")[0].text)).toBeCloseTo(spec.value, 9);
    const equal = findAll(item, "equal")[0];
    expect(equal.attrs.toleranceMode).toBe("absolute");
    const [lo, hi] = equal.attrs.tolerance.split(" ").map(Number);
    expect(lo).toBeCloseTo(toleranceWidth(spec.value, spec.tolerance), 12);
    expect(hi).toBe(lo);
    expect(findAll(item, "textEntryInteraction")).toHaveLength(1);
  });

  it("maps a choice to a choiceInteraction and an ordering to an orderInteraction with their correct responses", () => {
    const files = qtiFiles(a, VARIANTS);
    const choice = parseXml(files.find((f) => f.name === "items/ITEM_2_1.xml")!.text);
    expect(findAll(choice, "choiceInteraction")).toHaveLength(1);
    const order = parseXml(files.find((f) => f.name === "items/ITEM_3_1.xml")!.text);
    const decl = findAll(order, "responseDeclaration")[0];
    expect(decl.attrs.cardinality).toBe("ordered");
    const e = lmsItems(a, VARIANTS)[2].variants[0];
    const spec = Object.values(e.answer)[0];
    if (spec.kind !== "ordering") throw new Error("ordering expected");
    expect(findAll(decl, "value").map((v) => v.text)).toEqual(spec.correct.map((id) => `C_${id}`));
  });
});
