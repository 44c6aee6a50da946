/**
 * Moodle XML (docs.moodle.org/en/Moodle_XML_format): one category per assignment item holding its N
 * variants, so a quiz can use "random question from category". Mapping (lms.ts):
 * one number → numerical with an absolute tolerance; one choice → multichoice; several numbers,
 * choices or vector/matrix entries → cloze ({1:NUMERICAL:=v:tol}, {1:MULTICHOICE:…}, one blank per
 * entry); an ordering → shortanswer (the ids in order, exact match); a formula → essay, graded by
 * hand from the accepted answer in the grader information.
 */
import type { AnswerSpec } from "../../src/lib/grading/index.ts";
import type { Assignment } from "./assignment.ts";
import type { PartView } from "../family.ts";
import type { Exercise } from "../registry.ts";
import type { LmsChart } from "./lms.ts";
import { absoluteTolerance, acceptedLine, base64Text, exerciseCharts, exportReport, lmsItems, lmsKind, numberText } from "./lms.ts";
import { escapeXml, inlineToXhtml, plainText, promptToXhtml } from "./xml.ts";

const t = (s: string) => `<text>${escapeXml(s)}</text>`;

/** Plain text inside a cloze blank: HTML-escaped, then the characters the cloze syntax reserves. */
function clozeText(s: string): string {
  return escapeXml(s).replace(/[\\}#~/"]/g, (c) => `\\${c}`);
}

function clozeBlank(spec: AnswerSpec): string {
  switch (spec.kind) {
    case "number":
    case "integer":
      return `{1:NUMERICAL:=${numberText(spec.value)}:${numberText(absoluteTolerance(spec, spec.value))}}`;
    case "choice":
      return `{1:MULTICHOICE:${spec.options.map((o) => `${o.id === spec.correct ? "=" : ""}${clozeText(plainText(o.label))}`).join("~")}}`;
    case "ordering":
      // Every accepted order is a right answer (families may declare alsoCorrect orders).
      return `{1:SHORTANSWER:${[spec.correct, ...(spec.alsoCorrect ?? [])].map((o) => `=${clozeText(o.join(", "))}`).join("~")}}`;
    case "vector":
      return `[ ${spec.value.map((x) => `{1:NUMERICAL:=${numberText(x)}:${numberText(absoluteTolerance(spec, x))}}`).join(" , ")} ]`;
    case "matrix":
      return spec.value
        .map((row) => `[ ${row.map((x) => `{1:NUMERICAL:=${numberText(x)}:${numberText(absoluteTolerance(spec, x))}}`).join(" , ")} ]`)
        .join("<br/>");
    case "expression":
      return "";
  }
}

function itemsList(part: PartView): string {
  if (!part.items) return "";
  return `<ul>${part.items.map((i) => `<li><code>${escapeXml(i.id)}</code>: ${inlineToXhtml(i.label)}</li>`).join("")}</ul>`;
}

/** An image from the question's files (Moodle resolves @@PLUGINFILE@@ to the file stored with the text). */
function img(chart: LmsChart): string {
  return `<img src="@@PLUGINFILE@@/${chart.file}" alt="${escapeXml(chart.alt)}" width="420"/>`;
}

/** A file stored with a text field, base64 as Moodle XML wants it. */
function fileXml(chart: LmsChart): string {
  return `<file name="${escapeXml(chart.file)}" path="/" encoding="base64">${base64Text(chart.svg)}</file>`;
}

/** The question text and the charts it shows (the figure; in a cloze, chart options too, since a cloze drop-down cannot hold images). */
function questionText(e: Exercise, kind: string): { html: string; files: LmsChart[] } {
  let html = promptToXhtml(e.prompt);
  const files: LmsChart[] = [];
  const charts = exerciseCharts(e);
  if (charts.figure) {
    html += `<p>${img(charts.figure)}</p>`;
    files.push(charts.figure);
  }
  if (kind === "cloze") {
    for (const p of e.parts) {
      for (const o of p.options ?? []) {
        const chart = charts.options.get(o.id);
        if (!chart) continue;
        html += `<p>${inlineToXhtml(o.label)}: ${img(chart)}</p>`;
        files.push(chart);
      }
    }
  }
  if (kind === "cloze") {
    html += e.parts
      .map((p) => `<p>${inlineToXhtml(p.label)} ${clozeBlank(e.answer[p.id])}${p.unit ? ` ${escapeXml(p.unit)}` : ""}</p>${itemsList(p)}`)
      .join("");
  } else {
    html += e.parts.map((p) => `<p>${inlineToXhtml(p.label)}${p.unit ? ` (${escapeXml(p.unit)})` : ""}</p>${itemsList(p)}`).join("");
    if (kind === "shortanswer") html += "<p>Type the ids in order, separated by commas.</p>";
  }
  return { html, files };
}

function solutionHtml(e: Exercise): string {
  return `<ol>${e.solution.map((s) => `<li>${inlineToXhtml(s)}</li>`).join("")}</ol>`;
}

function question(e: Exercise, index: number, variant: number): string {
  const kind = lmsKind(e);
  const specs = e.parts.map((p) => e.answer[p.id]);
  const text = questionText(e, kind);
  const head = [
    `<question type="${kind}">`,
    `<name>${t(`${e.title} · level ${e.level} · variant ${variant + 1} (${index + 1})`)}</name>`,
    `<questiontext format="html">${t(text.html)}${text.files.map(fileXml).join("")}</questiontext>`,
    `<generalfeedback format="html">${t(solutionHtml(e))}</generalfeedback>`,
    `<defaultgrade>${e.parts.length}</defaultgrade>`,
    `<penalty>0</penalty>`,
    `<hidden>0</hidden>`,
    `<idnumber>${escapeXml(`deep-sky:${e.id}@v${e.version}:${e.level}:${e.seed}`)}</idnumber>`,
  ];
  const body: string[] = [];
  const spec = specs[0];
  if (kind === "numerical" && (spec.kind === "number" || spec.kind === "integer")) {
    body.push(
      `<answer fraction="100" format="moodle_auto_format">${t(numberText(spec.value))}<tolerance>${numberText(absoluteTolerance(spec, spec.value))}</tolerance><feedback format="html">${t("Correct.")}</feedback></answer>`,
    );
    body.push(`<unitgradingtype>0</unitgradingtype><unitpenalty>0</unitpenalty><showunits>3</showunits><unitsleft>0</unitsleft>`);
  } else if (kind === "multichoice" && spec.kind === "choice") {
    body.push(`<single>true</single><shuffleanswers>0</shuffleanswers><answernumbering>abc</answernumbering>`);
    const charts = exerciseCharts(e).options;
    for (const o of spec.options) {
      const chart = charts.get(o.id);
      body.push(
        `<answer fraction="${o.id === spec.correct ? 100 : 0}" format="html">${t(inlineToXhtml(o.label) + (chart ? ` ${img(chart)}` : ""))}${chart ? fileXml(chart) : ""}<feedback format="html">${t("")}</feedback></answer>`,
      );
    }
  } else if (kind === "shortanswer" && spec.kind === "ordering") {
    body.push(`<usecase>0</usecase>`);
    // Every accepted order (alsoCorrect too), with and without a space after the commas.
    for (const order of [spec.correct, ...(spec.alsoCorrect ?? [])]) {
      body.push(
        `<answer fraction="100" format="moodle_auto_format">${t(order.join(", "))}<feedback format="html">${t("Correct.")}</feedback></answer>`,
      );
      body.push(
        `<answer fraction="100" format="moodle_auto_format">${t(order.join(","))}<feedback format="html">${t("Correct.")}</feedback></answer>`,
      );
    }
  } else if (kind === "essay") {
    body.push(
      `<responseformat>plain</responseformat><responserequired>1</responserequired><responsefieldlines>3</responsefieldlines><attachments>0</attachments>`,
    );
    const accepted = e.parts
      .map((p) => `<p>${inlineToXhtml(p.label)}: <code>${escapeXml(acceptedLine(e.answer[p.id]))}</code></p>`)
      .join("");
    body.push(`<graderinfo format="html">${t(`<p>Grade by hand. Accepted answers:</p>${accepted}`)}</graderinfo>`);
    body.push(`<responsetemplate format="html">${t("")}</responsetemplate>`);
  }
  return [...head, ...body, `</question>`].join("\n");
}

/** The Moodle XML text for an assignment, with `variants` variants per item. */
export function moodleXml(a: Assignment, variants: number): string {
  // The export report as a comment at the top ("--" may not appear inside an XML comment).
  const report = exportReport(a, variants, "moodle").map((l) => `  - ${l.replace(/-{2,}/g, "-")}`);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!--\n  Deep Sky export. What Moodle cannot carry exactly as on the site:\n${report.join("\n") || "  (nothing)"}\n-->`,
    "<quiz>",
  ];
  let index = 0;
  for (const item of lmsItems(a, variants)) {
    const category = `$course$/top/Deep Sky/${plainText(a.title).replace(/\//g, "-")}/${item.item + 1}. ${item.name.replace(/\//g, "-")}`;
    out.push(
      `<question type="category"><category>${t(category)}</category><info format="html">${t(`Draw ${item.count} random question${item.count === 1 ? "" : "s"} from this category.`)}</info></question>`,
    );
    item.variants.forEach((e, v) => out.push(question(e, index++, v)));
  }
  out.push("</quiz>", "");
  return out.join("\n");
}
