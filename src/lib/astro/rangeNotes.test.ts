import { describe, expect, it } from "vitest";
import { RANGE_NOTES, rangesToMarkdown } from "./rangeNotes.ts";
import { SIMULATION_RANGES } from "./ranges.ts";

describe("the range notes", () => {
  it("give every parameter of every table a reason, and nothing else", () => {
    for (const [name, table] of Object.entries(SIMULATION_RANGES)) {
      const notes = RANGE_NOTES[name as keyof typeof RANGE_NOTES] as Record<string, string>;
      expect(Object.keys(notes).sort()).toEqual(Object.keys(table).sort());
      for (const note of Object.values(notes)) expect(note.trim().length).toBeGreaterThan(5);
    }
  });

  it("print beside their ranges in the cards' Markdown tables", () => {
    const md = rangesToMarkdown(SIMULATION_RANGES.observing).split("\n");
    expect(md.slice(0, 2)).toEqual(["| parameter | range | unit | why |", "|---|---|---|---|"]);
    expect(md).toHaveLength(2 + Object.keys(SIMULATION_RANGES.observing).length);
    const { min, max, unit } = SIMULATION_RANGES.observing.psfFwhm;
    expect(md).toContain(`| psfFwhm | ${min} – ${max} | ${unit} | ${RANGE_NOTES.observing.psfFwhm} |`);
  });

  it("refuse a table that is not one of the simulator's", () => {
    expect(() => rangesToMarkdown({ x: { min: 0, max: 1, scale: "linear", unit: "" } })).toThrow(/SIMULATION_RANGES/);
  });
});
