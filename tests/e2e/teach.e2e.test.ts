// The teaching flow in real Chromium: build an assignment on /teach, open its link as two students
// (different numbers, same structure), answer (right answers computed here in Node from the same
// registry and seeds), hand in receipts, regrade them on /teach/grade with a tampered and a foreign
// receipt among them, download the CSV; a fuzzed link shows a clear error and runs nothing.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExercise } from "../../exercises/registry.ts";
import {
  assignedExercises,
  exportReport,
  decodeAssignment,
  encodeAssignment,
  encodeReceipt,
  type Assignment,
} from "../../exercises/assignments/index.ts";
import { answerText } from "../../src/lib/grading/index.ts";
import { hasHorizontalScroll, launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

const FAMILIES = [
  { family: "neuron-output", level: 1 },
  { family: "activation-property", level: 1 },
  { family: "training-step-order", level: 1 },
];

let browser: Browser;
let assignment: Assignment;
let linkPath = "";
let instructorPath = "";
const receipts: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Fails the test if the page ever opens a dialog (an injected alert()). */
function forbidDialogs(page: Page, problems: string[]) {
  page.on("dialog", (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

async function startAs(page: Page, student: string) {
  await page.locator('[data-widget="student-assignment"][data-state="ok"]').waitFor();
  await page.getByLabel("Your name or student ID").fill(student);
  await page.getByRole("button", { name: "Start" }).click();
  await page.locator('[data-widget="assignment-exercise"] [data-testid="prompt"] p').first().waitFor();
}

async function seedsOnPage(page: Page): Promise<string[]> {
  return page.locator('[data-widget="assignment-exercise"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-seed") ?? ""));
}

/** Answers exercise j right (or with a wrong number) through the page's controls. */
async function answer(page: Page, j: number, seed: string, right = true) {
  const { family, level } = FAMILIES[j]!;
  const e = createExercise(family, seed, level);
  const card = page.locator(`[data-widget="assignment-exercise"][data-index="${j}"]`);
  for (const part of e.parts) {
    const spec = e.answer[part.id]!;
    if (spec.kind === "choice") {
      const option = right ? spec.correct : spec.options.find((o) => o.id !== spec.correct)!.id;
      await card.locator(`input[type=radio][value="${option}"]`).check();
    } else if (spec.kind === "ordering") {
      // Move each item up into place, top to bottom, with the page's buttons.
      for (const [position, id] of spec.correct.entries()) {
        const order = await card.locator("li[data-item]").evaluateAll((els) => els.map((el) => el.getAttribute("data-item")));
        for (let k = order.indexOf(id); k > position; k--) await card.locator(`li[data-item="${id}"] button`).first().click();
      }
    } else {
      await card.locator(`input[name="${part.id}"]`).fill(right ? answerText(spec) : "12345");
    }
  }
  await card.getByRole("button", { name: "Check" }).click();
  await expect.poll(() => card.locator('[data-testid="result"]').textContent()).toMatch(right ? /All right/ : /0 of/);
}

async function makeReceipt(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Make receipt" }).click();
  const code = await page.locator('[data-testid="receipt-code"]').inputValue();
  expect(code).toMatch(/^DSR1\./);
  return code;
}

describe("teaching: builder → students → gradebook", () => {
  it("builds an assignment and gives a link, a worksheet and an answer key with the students' numbers", async () => {
    const { page, problems, context } = await openPage(browser, "/teach/");
    await page.locator('[data-widget="assignment-builder"][data-ready]').waitFor();
    await page.getByLabel("Title", { exact: true }).fill("E2E week <b>3</b>");
    await page.getByLabel("Attempts per exercise").fill("2");
    await page.getByLabel("How many", { exact: true }).first().fill("1");
    for (const [i, f] of FAMILIES.entries()) {
      if (i > 0) await page.getByRole("button", { name: "Add exercises" }).click();
      await page.getByLabel(`Exercise family ${i + 1}`, { exact: true }).selectOption(f.family);
      await page.locator(`li[data-row="${i}"] select[name="level"]`).selectOption(String(f.level));
    }
    const link = await page.locator('[data-testid="assignment-link"]').inputValue();
    const decoded = decodeAssignment(link);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    assignment = decoded.value;
    expect(assignment).toMatchObject({ title: "E2E week <b>3</b>", attempts: 2, hints: true });
    expect(assignment.items.map((it) => [it.family, it.level, it.count])).toEqual(FAMILIES.map((f) => [f.family, f.level, 1]));
    const url = new URL(link);
    linkPath = url.pathname + url.hash;
    const instructor = new URL(await page.locator('[data-testid="instructor-link"]').inputValue());
    instructorPath = instructor.pathname + instructor.hash;
    expect(instructor.pathname).toMatch(/\/teach\/$/);
    expect(decodeAssignment(instructor.href)).toEqual(decoded);

    // The answer key for Ada shows Ada's seeds and answers.
    await page.getByLabel("For student (empty: preview)").fill("Ada");
    await page.getByRole("radio", { name: "Answer key" }).check();
    const seeds = await page
      .locator('[data-sheet="key"] li[data-seed]')
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-seed")));
    expect(seeds).toEqual(assignedExercises(assignment, "Ada").map((e) => e.seed));
    const first = createExercise(FAMILIES[0]!.family, seeds[0]!, FAMILIES[0]!.level);
    expect(await page.locator('[data-sheet="key"] [data-testid="key-answer"]').first().textContent()).toContain(
      answerText(first.answer.y!),
    );
    // The key shows every worked step, not only the last.
    expect(await page.locator('[data-sheet="key"] li[data-seed]').first().locator('[data-testid="key-steps"] li').count()).toBe(
      first.solution.length,
    );

    // Moodle XML download: one category + 5 variants per row.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download Moodle XML" }).click(),
    ]);
    const xml = readFileSync((await download.path())!, "utf8");
    expect(xml.match(/<question type="category">/g)).toHaveLength(3);
    expect(xml.match(/<question type="(numerical|multichoice|shortanswer)">/g)).toHaveLength(15);
    expect(xml).not.toContain("<b>3</b>");
    // Beside the buttons, the report of what the export changes: the same lines the file carries.
    const reported = await page.locator("[data-export-report] li").allTextContents();
    expect(reported).toEqual(exportReport(assignment, 5, "moodle"));
    expect(reported.length).toBeGreaterThan(0);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("radio", { name: "Worksheet" }).check();
    // The ordering question asks for ids in order: its items are listed without tick boxes, then a line to write on.
    const ordering = page.locator('[data-sheet="worksheet"] li[data-seed]').nth(2);
    expect(await ordering.locator('[data-testid="sheet-options"]').count()).toBe(0);
    const items = ordering.locator('[data-testid="sheet-items"] li');
    expect(await items.count()).toBe(createExercise(FAMILIES[2]!.family, seeds[2]!, FAMILIES[2]!.level).parts[0]!.items!.length);
    expect(await items.first().evaluate((li) => getComputedStyle(li, "::before").content)).toBe("none");
    expect(await ordering.textContent()).toContain("Order (ids, first to last)");
    // The choice question keeps its tick boxes.
    expect(
      await page
        .locator('[data-sheet="worksheet"] li[data-seed]')
        .nth(1)
        .locator('[data-testid="sheet-options"] li')
        .first()
        .evaluate((li) => getComputedStyle(li, "::before").content),
    ).toContain("☐");
    await screenshot(page, "teach-builder-1280-light");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("opens the assignment on /teach only from the instructor link: the student link gets no answer key", async () => {
    const adaSeeds = assignedExercises(assignment, "Ada").map((e) => e.seed);
    const keySeeds = async (page: Page) => {
      await page.getByLabel("For student (empty: preview)").fill("Ada");
      await page.getByRole("radio", { name: "Answer key" }).check();
      return page.locator('[data-sheet="key"] li[data-seed]').evaluateAll((els) => els.map((el) => el.getAttribute("data-seed")));
    };
    // A student who opens their link on /teach gets a new, empty assignment and is told why.
    const student = await openPage(browser, `/teach/${new URL(linkPath, "http://x").hash}`);
    await student.page.locator('[data-widget="assignment-builder"][data-ready]').waitFor();
    expect(await student.page.locator('[data-widget="assignment-builder"] [role="status"]').first().textContent()).toMatch(
      /This is the student link of “E2E week <b>3<\/b>”/,
    );
    expect(await student.page.getByLabel("Title", { exact: true }).inputValue()).toBe("Homework 1");
    expect(await keySeeds(student.page)).not.toEqual(adaSeeds);
    expect(student.problems).toEqual([]);
    await student.context.close();
    // The instructor link opens it for editing, with Ada's answer key.
    const teacher = await openPage(browser, instructorPath);
    await teacher.page.locator('[data-widget="assignment-builder"][data-ready]').waitFor();
    expect(await teacher.page.getByLabel("Title", { exact: true }).inputValue()).toBe("E2E week <b>3</b>");
    expect(await keySeeds(teacher.page)).toEqual(adaSeeds);
    expect(await teacher.page.locator('[data-testid="assignment-link"]').inputValue()).toBe(
      new URL(linkPath, await teacher.page.evaluate(() => location.origin)).href,
    );
    expect(await seriousAxeViolations(teacher.page)).toEqual([]);
    expect(teacher.problems).toEqual([]);
    await teacher.context.close();
  });

  it("gives two students different numbers with the same structure, saves progress, and makes receipts", async () => {
    const ada = await openPage(browser, linkPath);
    forbidDialogs(ada.page, ada.problems);
    await startAs(ada.page, "Ada");
    const adaSeeds = await seedsOnPage(ada.page);
    expect(adaSeeds).toEqual(assignedExercises(assignment, "Ada").map((e) => e.seed));
    // The title from the link is text, not markup.
    expect(await ada.page.locator('[data-testid="assignment-title"]').textContent()).toBe("E2E week <b>3</b>");
    expect(await ada.page.locator('[data-testid="assignment-title"] b').count()).toBe(0);
    for (let j = 0; j < FAMILIES.length; j++) await answer(ada.page, j, adaSeeds[j]!);
    expect(await ada.page.locator('[data-testid="score"]').textContent()).toBe("3 of 3 points so far");
    // Progress survives a reload (same student, typed differently).
    await ada.page.reload({ waitUntil: "networkidle" });
    await startAs(ada.page, "  ada ");
    expect(await ada.page.locator('[data-testid="score"]').textContent()).toBe("3 of 3 points so far");
    receipts.ada = await makeReceipt(ada.page);
    expect(await seriousAxeViolations(ada.page)).toEqual([]);
    await screenshot(ada.page, "teach-assignment-1280-light");
    expect(ada.problems).toEqual([]);
    await ada.context.close();

    const grace = await openPage(browser, linkPath, { width: 360, height: 800, colorScheme: "dark" });
    await startAs(grace.page, "Grace Hopper");
    const graceSeeds = await seedsOnPage(grace.page);
    expect(graceSeeds).toEqual(assignedExercises(assignment, "Grace Hopper").map((e) => e.seed));
    expect(graceSeeds.every((s, j) => s !== adaSeeds[j])).toBe(true);
    const families = await grace.page
      .locator('[data-widget="assignment-exercise"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-family")));
    expect(families).toEqual(FAMILIES.map((f) => f.family));
    expect(await grace.page.locator('[data-widget="assignment-exercise"] [data-testid="prompt"]').first().textContent()).not.toBe(
      createExercise(FAMILIES[0]!.family, adaSeeds[0]!, 1).prompt,
    );
    await answer(grace.page, 0, graceSeeds[0]!, false);
    expect(await grace.page.locator('[data-index="0"] [data-testid="attempts"]').textContent()).toContain("1 of 2");
    await answer(grace.page, 1, graceSeeds[1]!);
    receipts.grace = await makeReceipt(grace.page);
    expect(await hasHorizontalScroll(grace.page)).toBe(false);
    expect(await seriousAxeViolations(grace.page)).toEqual([]);
    await screenshot(grace.page, "teach-assignment-360-dark");
    expect(grace.problems).toEqual([]);
    await grace.context.close();
  });

  it("regrades the receipts, flags a tampered and a foreign one, and downloads the CSV", async () => {
    const { page, problems, context } = await openPage(browser, "/teach/grade/");
    forbidDialogs(page, problems);
    await page.locator('[data-widget="gradebook"]').waitFor();
    const tampered = receipts.grace!.replace(/.{2}(?=\.[0-9a-z]{11}$)/, "AA");
    const other: Assignment = { ...assignment, id: "otherAssign1", title: "<img src=x onerror=alert(1)>" };
    const foreign = encodeReceipt({
      assignment: other,
      student: "<script>alert(1)</script>",
      startedAt: Date.UTC(2025, 0, 1),
      issuedAt: Date.UTC(2025, 0, 1),
      exercises: [0, 1, 2].map(() => ({ hints: 0, submissions: [] })),
      claimed: { earned: 0, total: 3 },
    });
    await page
      .getByLabel("Assignment link (optional: flags receipts of any other assignment)")
      .fill(`https://example.org/assignment/#${encodeAssignment(assignment)}`);
    await page.getByLabel(/Paste receipt codes/).fill([receipts.ada, receipts.grace, tampered, foreign].join("\n\n"));
    await page.getByRole("button", { name: "Grade receipts" }).click();
    await expect.poll(() => page.locator('[data-testid="grade-status"]').textContent()).toMatch(/Regraded 4 receipts/);
    const rows = page.locator('[data-testid="grade-table"] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await page.locator('tr[data-student="Ada"] [data-testid="points"]').textContent()).toBe("3/3");
    expect(await page.locator('tr[data-student="Grace Hopper"] [data-testid="points"]').textContent()).toBe("1/3");
    const entries = page.locator('[data-testid="entries"] > li');
    expect(await entries.nth(2).getAttribute("data-problem")).toBe("edited");
    expect(await entries.nth(3).getAttribute("data-flags")).toContain("foreign");
    expect(await page.locator('[data-testid="entries"] img, [data-testid="entries"] script').count()).toBe(0);
    expect(await entries.nth(3).textContent()).toContain("<script>alert(1)</script>");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^student,neuron-output,activation-property,training-step-order,points,out of,percent/);
    // The page's columns are named by family too (titles), not E1, E2, …
    expect(await page.locator('[data-testid="grade-table"] thead th').allTextContents()).toEqual([
      "Student",
      ...FAMILIES.map((f) => createExercise(f.family, "1", f.level).title),
      "Points",
      "%",
      "Flags",
    ]);
    expect(lines[1]).toMatch(/^Ada,1,1,1,3,3,100,/);
    expect(lines[2]).toMatch(/^Grace Hopper,0,1,0,1,3,33.3,/);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "teach-grade-1280-light");
    // At 360 px the table scrolls sideways: its region takes keyboard focus (axe: scrollable-region-focusable).
    await page.setViewportSize({ width: 360, height: 800 });
    const region = page.locator('[data-testid="grade-table-region"]');
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await region.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("grade-table-region");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("regrades 1,000 receipts in the browser (time printed)", async () => {
    const { page, problems, context } = await openPage(browser, "/teach/grade/");
    await page.locator('[data-widget="gradebook"]').waitFor();
    const codes = Array.from({ length: 1000 }, (_, i) => {
      const student = `student-${i}`;
      const refs = assignedExercises(assignment, student);
      return encodeReceipt({
        assignment,
        student,
        startedAt: Date.UTC(2025, 0, 1),
        issuedAt: Date.UTC(2025, 0, 1, 1),
        exercises: refs.map((ref) => {
          const e = createExercise(ref.family, ref.seed, ref.level);
          return {
            hints: 0,
            submissions: [
              {
                input: Object.fromEntries(Object.entries(e.answer).map(([k, spec]) => [k, answerText(spec)])),
                at: Date.UTC(2025, 0, 1, 0, 30),
              },
            ],
          };
        }),
        claimed: { earned: 3, total: 3 },
      });
    });
    await page.getByLabel(/Paste receipt codes/).fill(codes.join("\n"));
    await page.getByRole("button", { name: "Grade receipts" }).click();
    const status = page.locator('[data-testid="grade-status"]');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/Regraded 1000 receipts in/);
    const text = (await status.textContent())!;
    console.log(`gradebook page: ${text}`);
    expect(text).toMatch(/1000 students in the table, 0 flagged/);
    const [, amount, unit] = /in ([\d.]+) (ms|s):/.exec(text)!;
    // Generous on shared test machines; the report quotes the measured time.
    expect(Number(amount) * (unit === "s" ? 1000 : 1)).toBeLessThan(20_000);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a fuzzed or hostile link shows a clear error and runs nothing", async () => {
    const hostile = [
      "#a1.<script>alert(1)</script>",
      `#${encodeURIComponent("a1.\u0000\uffff<img src=x onerror=window.pwned=true>")}`,
      // A well-formed link whose content is hostile: it fails validation (the family is not an id).
      `#${encodeAssignment({ id: "hostile1", title: "<img src=x onerror=window.pwned=true>", attempts: 1, hints: false, items: [{ family: "<script>", version: 1, level: 1, count: 1 }] })}`,
      "#a1." + "A".repeat(20_000),
      "#a9.abc",
      "#",
      "#" + Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)).toString("latin1"),
    ];
    const { page, problems, context } = await openPage(browser, `/assignment/${hostile[0]}`);
    forbidDialogs(page, problems);
    for (const fragment of hostile) {
      await page.evaluate((f) => {
        location.hash = f;
      }, fragment);
      const error = page.locator('[data-testid="assignment-error"]');
      await error.waitFor();
      expect((await error.textContent())!.length).toBeGreaterThan(40);
      // Nothing from the fragment became markup, and no injected handler ran.
      expect(await page.locator('[data-widget="student-assignment"] img, [data-widget="student-assignment"] script').count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "teach-assignment-error-1280-light");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("looks right at 360 px and in both themes (screenshots)", async () => {
    for (const [path, name] of [
      ["/teach/", "teach-builder"],
      [linkPath, "teach-assignment-start"],
      ["/teach/grade/", "teach-grade"],
    ] as const) {
      for (const [width, scheme] of [
        [360, "dark"],
        [1280, "dark"],
        [360, "light"],
      ] as const) {
        const { page, problems, context } = await openPage(browser, path, { width, height: 800, colorScheme: scheme });
        if (name === "teach-builder") await page.locator('[data-widget="assignment-builder"][data-ready]').waitFor();
        if (name === "teach-assignment-start") await page.locator('[data-widget="student-assignment"][data-state="ok"]').waitFor();
        expect(await hasHorizontalScroll(page), `${name} ${width} ${scheme}`).toBe(false);
        await screenshot(page, `${name}-${width}-${scheme}`);
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  });
});
