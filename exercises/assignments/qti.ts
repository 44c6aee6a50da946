/**
 * An IMS QTI 2.1 content package (a STORE zip): imsmanifest.xml, one assessmentItem per variant, and
 * an assessmentTest with one section per assignment item that selects `count` of its N variants.
 * Numbers are textEntryInteractions of baseType float scored with <equal toleranceMode="absolute">;
 * integers use <match>; a choice is a choiceInteraction; an ordering an orderInteraction; vector and
 * matrix entries one float blank each; a formula an extendedTextInteraction left for hand grading.
 * One point per part, as on the site.
 */
import type { Assignment } from "./assignment.ts";
import type { PartView } from "../family.ts";
import type { Exercise } from "../registry.ts";
import type { LmsChart } from "./lms.ts";
import { absoluteTolerance, acceptedLine, exerciseCharts, exportReport, lmsItems, numberText } from "./lms.ts";
import { escapeXml, inlineToXhtml, plainText, promptToXhtml } from "./xml.ts";
import { zipStore } from "./zip.ts";

const QTI_NS =
  'xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"';

/** A QTI identifier (an XML NCName) from any id. */
export function qtiId(prefix: string, id: string): string {
  return `${prefix}_${id.replace(/[^A-Za-z0-9_-]/g, (c) => `.${c.charCodeAt(0).toString(16)}`)}`;
}

/** One scoring rule that adds `points` to SCORE when the condition holds. */
function addWhen(condition: string, points: number): string {
  return `<responseCondition><responseIf>${condition}<setOutcomeValue identifier="SCORE"><sum><variable identifier="SCORE"/><baseValue baseType="float">${points}</baseValue></sum></setOutcomeValue></responseIf></responseCondition>`;
}

function floatBlank(id: string, value: number, tol: number): { decl: string; rule: string } {
  return {
    decl: `<responseDeclaration identifier="${id}" cardinality="single" baseType="float"><correctResponse><value>${numberText(value)}</value></correctResponse></responseDeclaration>`,
    rule: `<equal toleranceMode="absolute" tolerance="${numberText(tol)} ${numberText(tol)}" includeLowerBound="true" includeUpperBound="true"><variable identifier="${id}"/><correct identifier="${id}"/></equal>`,
  };
}

/** An <img> for a chart stored next to the item (items/img/…), added to `images`. */
function chartImg(chart: LmsChart, identifier: string, images: QtiFile[]): string {
  const name = `img/${identifier}-${chart.file}`;
  images.push({ name: `items/${name}`, text: chart.svg });
  return `<img src="${escapeXml(name)}" alt="${escapeXml(chart.alt)}" width="420"/>`;
}

/** QTI's ordered container of identifiers, to compare a response with an order that is not the keyed one. */
function orderedIds(ids: readonly string[]): string {
  return `<ordered>${ids.map((id) => `<baseValue baseType="identifier">${qtiId("C", id)}</baseValue>`).join("")}</ordered>`;
}

function partBody(
  e: Exercise,
  part: PartView,
  declarations: string[],
  rules: string[],
  manual: string[],
  identifier: string,
  images: QtiFile[],
): string {
  const spec = e.answer[part.id];
  const rid = qtiId("RESPONSE", part.id);
  const label = inlineToXhtml(part.label);
  const unit = part.unit ? ` ${escapeXml(part.unit)}` : "";
  switch (spec.kind) {
    case "number": {
      const b = floatBlank(rid, spec.value, absoluteTolerance(spec, spec.value));
      declarations.push(b.decl);
      rules.push(addWhen(b.rule, 1));
      return `<p>${label} <textEntryInteraction responseIdentifier="${rid}" expectedLength="14"/>${unit}</p>`;
    }
    case "integer":
      declarations.push(
        `<responseDeclaration identifier="${rid}" cardinality="single" baseType="integer"><correctResponse><value>${spec.value}</value></correctResponse></responseDeclaration>`,
      );
      rules.push(addWhen(`<match><variable identifier="${rid}"/><correct identifier="${rid}"/></match>`, 1));
      return `<p>${label} <textEntryInteraction responseIdentifier="${rid}" expectedLength="10"/></p>`;
    case "vector":
    case "matrix": {
      const rows = spec.kind === "vector" ? [spec.value] : spec.value;
      const count = rows.reduce((n, r) => n + r.length, 0);
      const lines = rows.map((row, r) =>
        row
          .map((x, c) => {
            const id = `${rid}_${r + 1}_${c + 1}`;
            const b = floatBlank(id, x, absoluteTolerance(spec, x));
            declarations.push(b.decl);
            rules.push(addWhen(b.rule, 1 / count));
            return `<textEntryInteraction responseIdentifier="${id}" expectedLength="10"/>`;
          })
          .join(" , "),
      );
      return `<p>${label}</p>${lines.map((l) => `<p>[ ${l} ]</p>`).join("")}`;
    }
    case "choice": {
      declarations.push(
        `<responseDeclaration identifier="${rid}" cardinality="single" baseType="identifier"><correctResponse><value>${qtiId("C", spec.correct)}</value></correctResponse></responseDeclaration>`,
      );
      rules.push(addWhen(`<match><variable identifier="${rid}"/><correct identifier="${rid}"/></match>`, 1));
      const charts = exerciseCharts(e).options;
      const choices = spec.options
        .map((o) => {
          const chart = charts.get(o.id);
          return `<simpleChoice identifier="${qtiId("C", o.id)}" fixed="true">${inlineToXhtml(o.label)}${chart ? ` ${chartImg(chart, identifier, images)}` : ""}</simpleChoice>`;
        })
        .join("");
      return `<choiceInteraction responseIdentifier="${rid}" shuffle="false" maxChoices="1"><prompt>${label}</prompt>${choices}</choiceInteraction>`;
    }
    case "ordering": {
      declarations.push(
        `<responseDeclaration identifier="${rid}" cardinality="ordered" baseType="identifier"><correctResponse>${spec.correct.map((id) => `<value>${qtiId("C", id)}</value>`).join("")}</correctResponse></responseDeclaration>`,
      );
      // Families may accept several orders (alsoCorrect): any of them scores.
      const others = (spec.alsoCorrect ?? []).map((order) => `<match><variable identifier="${rid}"/>${orderedIds(order)}</match>`);
      const keyed = `<match><variable identifier="${rid}"/><correct identifier="${rid}"/></match>`;
      rules.push(addWhen(others.length > 0 ? `<or>${keyed}${others.join("")}</or>` : keyed, 1));
      const choices = spec.items
        .map((i) => `<simpleChoice identifier="${qtiId("C", i.id)}">${inlineToXhtml(i.label)}</simpleChoice>`)
        .join("");
      return `<orderInteraction responseIdentifier="${rid}" shuffle="false"><prompt>${label}</prompt>${choices}</orderInteraction>`;
    }
    case "expression":
      declarations.push(`<responseDeclaration identifier="${rid}" cardinality="single" baseType="string"/>`);
      manual.push(`${plainText(part.label)}: ${acceptedLine(spec)}`);
      return `<extendedTextInteraction responseIdentifier="${rid}" expectedLines="2"><prompt>${label}</prompt></extendedTextInteraction>`;
  }
}

/** The assessmentItem XML of one exercise; its chart images (SVG) are added to `images` when given. */
export function qtiItem(e: Exercise, identifier: string, title: string, images: QtiFile[] = []): string {
  const declarations: string[] = [];
  const rules: string[] = [];
  const manual: string[] = [];
  const parts = e.parts.map((p) => partBody(e, p, declarations, rules, manual, identifier, images)).join("\n");
  const figure = exerciseCharts(e).figure;
  const body = [`<div>${promptToXhtml(e.prompt)}</div>`, figure ? `<p>${chartImg(figure, identifier, images)}</p>` : "", parts]
    .filter(Boolean)
    .join("\n");
  const solution = `<modalFeedback outcomeIdentifier="FEEDBACK" identifier="SOLUTION" showHide="show"><div><p>Worked solution:</p><ol>${e.solution.map((s) => `<li>${inlineToXhtml(s)}</li>`).join("")}</ol>${
    manual.length ? `<p>Graded by hand; accepted: ${escapeXml(manual.join("; "))}</p>` : ""
  }</div></modalFeedback>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<assessmentItem ${QTI_NS} identifier="${escapeXml(identifier)}" title="${escapeXml(title)}" adaptive="false" timeDependent="false">`,
    ...declarations,
    `<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>`,
    `<outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>${e.parts.length}</value></defaultValue></outcomeDeclaration>`,
    `<outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"/>`,
    `<itemBody>${body}</itemBody>`,
    `<responseProcessing>${rules.join("")}<setOutcomeValue identifier="FEEDBACK"><baseValue baseType="identifier">SOLUTION</baseValue></setOutcomeValue></responseProcessing>`,
    solution,
    "</assessmentItem>",
    "",
  ].join("\n");
}

export interface QtiFile {
  name: string;
  text: string;
}

/** The package's files (manifest, test, items); `qtiPackage` zips them. */
export function qtiFiles(a: Assignment, variants: number): QtiFile[] {
  const items = lmsItems(a, variants);
  const files: QtiFile[] = [];
  const sections: string[] = [];
  const itemResources: string[] = [];
  for (const item of items) {
    const refs: string[] = [];
    item.variants.forEach((e, v) => {
      const id = `ITEM_${item.item + 1}_${v + 1}`;
      const href = `items/${id}.xml`;
      const images: QtiFile[] = [];
      files.push({ name: href, text: qtiItem(e, id, `${e.title} · level ${e.level} · variant ${v + 1}`, images) });
      refs.push(`<assessmentItemRef identifier="REF_${item.item + 1}_${v + 1}" href="${href}"/>`);
      itemResources.push(
        `<resource identifier="RES_${id}" type="imsqti_item_xmlv2p1" href="${href}"><file href="${href}"/>${images.map((f) => `<file href="${escapeXml(f.name)}"/>`).join("")}</resource>`,
      );
      files.push(...images);
    });
    sections.push(
      `<assessmentSection identifier="SECTION_${item.item + 1}" title="${escapeXml(item.name)}" visible="true"><selection select="${item.count}"/><ordering shuffle="true"/>${refs.join("")}</assessmentSection>`,
    );
  }
  const testId = qtiId("TEST", a.id);
  files.unshift({
    name: "assessment.xml",
    text: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<assessmentTest ${QTI_NS} identifier="${testId}" title="${escapeXml(a.title)}">`,
      `<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>`,
      `<testPart identifier="PART_1" navigationMode="nonlinear" submissionMode="individual"><itemSessionControl maxAttempts="${a.attempts}" showSolution="false" allowComment="false"/>`,
      ...sections,
      `</testPart>`,
      `<outcomeProcessing><setOutcomeValue identifier="SCORE"><sum><testVariables variableIdentifier="SCORE"/></sum></setOutcomeValue></outcomeProcessing>`,
      "</assessmentTest>",
      "",
    ].join("\n"),
  });
  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="${qtiId("MANIFEST", a.id)}" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd">`,
    `<metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion><imsmd:lom><imsmd:general><imsmd:title><imsmd:string language="en">${escapeXml(a.title)}</imsmd:string></imsmd:title></imsmd:general></imsmd:lom></metadata>`,
    "<organizations/>",
    "<resources>",
    `<resource identifier="RES_TEST" type="imsqti_test_xmlv2p1" href="assessment.xml"><file href="assessment.xml"/>${files
      .filter((f) => f.name.startsWith("items/") && f.name.endsWith(".xml"))
      .map((f) => `<dependency identifierref="RES_${f.name.slice(6, -4)}"/>`)
      .join("")}</resource>`,
    ...itemResources,
    "</resources>",
    "</manifest>",
    "",
  ].join("\n");
  // Not a manifest resource: a note for the instructor who opens the zip.
  const report = [
    "What this QTI 2.1 package could not carry exactly as on the site:",
    ...exportReport(a, variants, "qti").map((l) => `- ${l}`),
    "",
  ].join("\n");
  return [{ name: "imsmanifest.xml", text: manifest }, ...files, { name: "export-report.txt", text: report }];
}

/** The QTI 2.1 package as zip bytes. */
export function qtiPackage(a: Assignment, variants: number): Uint8Array {
  return zipStore(qtiFiles(a, variants).map((f) => ({ name: f.name, data: f.text })));
}
