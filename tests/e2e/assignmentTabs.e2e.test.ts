// One student's assignment in two tabs (two pages of one browser context share localStorage): the
// attempts of both are merged, never erased; an exercise closed in one tab is closed in the other,
// even when the other has not heard of it yet (storage events held back); a reload keeps everything.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeReceipt, encodeAssignment } from "../../exercises/assignments/index.ts";
import { item, sampleAssignment } from "../../exercises/assignments/sampleWork.test-util.ts";
import { baseUrl, launchBrowser, openPage, seriousAxeViolations } from "./harness.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const a = sampleAssignment({ attempts: 2, items: [item("neuron-output", 1, 2)] });
const card = (page: Page, j: number) => page.locator(`[data-widget="assignment-exercise"][data-index="${j}"]`);

async function start(page: Page) {
  await page.locator('[data-widget="student-assignment"][data-state="ok"]').waitFor();
  await page.getByLabel("Your name or student ID").fill("Ada");
  await page.getByRole("button", { name: "Start" }).click();
  await card(page, 0).locator('[data-testid="prompt"] p').first().waitFor();
}

/** A wrong but readable answer to exercise j. */
async function wrong(page: Page, j: number) {
  await card(page, j).locator('input[name="y"]').fill("12345");
  await card(page, j).getByRole("button", { name: "Check" }).click();
}

const attempts = (page: Page, j: number) => card(page, j).locator('[data-testid="attempts"]').textContent();

describe("an assignment open in two tabs", () => {
  it("merges attempts, holds the limit, and closes an exercise in both tabs", async () => {
    const { page: tab1, problems, context } = await openPage(browser, `/assignment/#${encodeAssignment(a)}`);
    const tab2 = await context.newPage();
    tab2.on("pageerror", (error) => problems.push(`tab 2 uncaught: ${error.message}`));
    // Tab 2's storage listeners go through a gate, so the test can make its storage events late.
    await tab2.addInitScript(() => {
      const w = window as unknown as { holdStorage: boolean; late: (() => void)[] };
      w.holdStorage = false;
      w.late = [];
      const add = window.addEventListener.bind(window);
      window.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions | boolean) => {
        if (type !== "storage") return add(type, listener, options);
        return add(type, (e: Event) => (w.holdStorage ? w.late.push(() => listener(e)) : listener(e)), options);
      }) as typeof window.addEventListener;
    });
    await tab2.goto(`${baseUrl()}/assignment/#${encodeAssignment(a)}`, { waitUntil: "networkidle" });
    await start(tab1);
    await start(tab2);
    // Tab 2 has its answer typed in before tab 1 starts (typing saves, and a save merges what is stored).
    await card(tab2, 0).locator('input[name="y"]').fill("12345");
    await tab2.evaluate(() => ((window as unknown as { holdStorage: boolean }).holdStorage = true));

    await wrong(tab1, 0);
    await expect.poll(() => attempts(tab1, 0)).toMatch(/Attempts: 1 of 2/);
    await wrong(tab1, 0);
    await expect.poll(() => attempts(tab1, 0)).toMatch(/Attempts: 2 of 2/);
    expect(await attempts(tab2, 0)).toMatch(/Attempts: 0 of 2/);

    // Tab 2 still offers the exercise: its answer is refused, not graded, and the tab catches up.
    await card(tab2, 0).getByRole("button", { name: "Check" }).click();
    await expect.poll(() => card(tab2, 0).locator('[data-testid="invalid-message"]').textContent()).toMatch(/closed in another tab/);
    await expect.poll(() => attempts(tab2, 0)).toMatch(/Attempts: 2 of 2/);
    expect(await card(tab2, 0).getByRole("button", { name: "Check" }).isDisabled()).toBe(true);

    // Tab 2's own work does not erase tab 1's, and tab 1 sees it live.
    // The late events arrive; nothing changes (the merge is idempotent).
    await tab2.evaluate(() => {
      const w = window as unknown as { holdStorage: boolean; late: (() => void)[] };
      w.holdStorage = false;
      for (const f of w.late.splice(0)) f();
    });
    expect(await attempts(tab2, 0)).toMatch(/Attempts: 2 of 2/);
    await wrong(tab2, 1);
    await expect.poll(() => attempts(tab1, 1)).toMatch(/Attempts: 1 of 2/);
    await tab1.getByRole("button", { name: "Make receipt" }).click();
    const decoded = decodeReceipt(await tab1.locator('[data-testid="receipt-code"]').inputValue());
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.receipt.exercises.map((e) => e.submissions.length)).toEqual([2, 1]);

    // A reload keeps the one record.
    await tab2.reload({ waitUntil: "networkidle" });
    await start(tab2);
    expect(await attempts(tab2, 0)).toMatch(/Attempts: 2 of 2/);
    expect(await attempts(tab2, 1)).toMatch(/Attempts: 1 of 2/);
    expect(await seriousAxeViolations(tab2)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("backs up unreadable saved work instead of overwriting it, and says so", async () => {
    const { page, problems, context } = await openPage(browser, `/assignment/#${encodeAssignment(a)}`);
    await page.locator('[data-widget="student-assignment"][data-state="ok"]').waitFor();
    // What storageKey() gives for this assignment and "Ada": found by starting once, then damaged.
    await start(page);
    await wrong(page, 0);
    const key = await page.evaluate(() =>
      Object.keys(localStorage).find((k) => k.startsWith("deep-sky:assignment:") && k.endsWith(":ada"))!,
    );
    await page.evaluate((k) => localStorage.setItem(k, '{"v":7,"future":true}'), key);
    await page.reload({ waitUntil: "networkidle" });
    await start(page);
    await expect
      .poll(() => page.locator("p[role=status]", { hasText: "newer version" }).textContent())
      .toMatch(/newer version .* kept in this browser as a backup/);
    const backups = await page.evaluate(
      (k) =>
        Object.keys(localStorage)
          .filter((x) => x.startsWith(`${k}:backup:`))
          .map((x) => localStorage.getItem(x)),
      key,
    );
    expect(backups).toEqual(['{"v":7,"future":true}']);
    expect(await page.getByRole("button", { name: "Download the backup of your saved work" }).count()).toBe(1);
    await wrong(page, 0);
    expect(await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(`${k}:backup:`)).length, key)).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
