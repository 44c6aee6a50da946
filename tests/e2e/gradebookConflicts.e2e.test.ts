// The gradebook with forged receipts in real Chromium: an impostor's receipt under a look-alike
// (Cyrillic) name and an e-mailed, quoted and wrapped receipt. The impostor no longer replaces the
// student's grade: both are shown side by side, none counted; every flag says what it rests on.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAssignment, encodeReceipt } from "../../exercises/assignments/index.ts";
import { T0, sampleAssignment, studentReceipt } from "../../exercises/assignments/sampleWork.test-util.ts";
import { launchBrowser, openPage, screenshot, seriousAxeViolations } from "./harness.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("gradebook: forged and e-mailed receipts", () => {
  it("puts a look-alike impostor next to the real student, counts neither, and reads a quoted, wrapped receipt", async () => {
    const a = sampleAssignment();
    const ada = encodeReceipt(studentReceipt(a, "Ada", [1]));
    const impostor = encodeReceipt({
      ...studentReceipt(a, "\u0410da", [0, 1, 2, 3, 4], T0 + 7_200_000),
      startedAt: T0 + 5_000,
      claimed: { earned: 0, total: 7 },
    });
    const grace = encodeReceipt(studentReceipt(a, "Grace", []));
    // Grace's receipt as it comes back in a reply: wrapped at 76 columns and quoted.
    const mail = `> Dear Professor,\n> ${grace.match(/.{1,76}/g)!.join("\n> ")}\n> Grace`;
    const { page, problems, context } = await openPage(browser, "/teach/grade/");
    await page.locator('[data-widget="gradebook"]').waitFor();
    await page.getByLabel("Assignment link (optional: flags receipts of any other assignment)").fill(`#${encodeAssignment(a)}`);
    await page.getByLabel(/Paste receipt codes/).fill([ada, impostor, mail].join("\n\n"));
    await page.getByRole("button", { name: "Grade receipts" }).click();
    await expect.poll(() => page.locator('[data-testid="grade-status"]').textContent()).toMatch(/Regraded 3 receipts/);

    expect(await page.locator('[data-testid="grade-table"] tbody tr').count()).toBe(2);
    expect(await page.locator('tr[data-student="Ada"] [data-testid="points"]').textContent()).toBe("conflict: see below");
    expect(await page.locator('tr[data-student="Grace"] [data-testid="points"]').textContent()).toMatch(/^(\d+)\/\1$/);
    const conflict = page.locator('[data-testid="conflict-table"]');
    expect(await conflict.locator("thead th").allTextContents()).toEqual(["Receipt #1", "Receipt #2"]);
    expect(await page.locator('[data-testid="entries"] > li').nth(1).getAttribute("data-flags")).toMatch(
      /mixed-script.*look-alike-name.*conflict|look-alike-name/,
    );
    expect(await page.locator('[data-testid="entries"]').textContent()).toMatch(/evidence:/);
    expect(await page.locator("[data-counted]").count()).toBe(1);

    // Item analysis over the one student counted (Grace), and the instructor settles Ada's conflict by hand.
    expect(await page.locator('[data-testid="item-analysis"] tbody tr').count()).toBe(5);
    expect(await page.locator('[data-testid="item-analysis"] tbody tr').first().locator("td").first().textContent()).toBe("1 of 1");
    const adjust = page.locator('[data-testid="adjust"]');
    await adjust.getByLabel("Student").selectOption({ label: "Ada" });
    expect(await adjust.locator('[data-testid="final"]').textContent()).toMatch(/none \(conflict/);
    expect(await adjust.locator('[data-testid="typed"] li').count()).toBe(5);
    await adjust.getByLabel(/Points set by hand/).fill("4");
    await adjust.getByLabel(/Points set by hand/).press("Tab");
    await adjust.getByLabel(/Comment/).fill("Receipt #1 is hers; #2 came from another account");
    await adjust.getByLabel(/Comment/).press("Tab");
    expect(await adjust.locator('[data-testid="final"]').textContent()).toMatch(/Final: 4 of 5/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toMatch(/,days late,late penalty %,final points,comment$/);
    expect(csv.find((l) => l.startsWith("Ada,"))).toMatch(/,4,Receipt #1 is hers; #2 came from another account$/);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "instructor-grade-conflict-1280");
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "instructor-grade-conflict-360");
    expect(problems).toEqual([]);
    await context.close();
  });
});
