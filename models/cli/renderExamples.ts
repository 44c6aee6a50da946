// Contact sheets of simulated cutouts, one row per class:
//   node --experimental-strip-types models/cli/renderExamples.ts [out-dir] [--per-class N] [--seed S]
// writes <out-dir>/morphology-examples.png and <out-dir>/lens-examples.png (out-dir: a new temporary
// folder when not given).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "../../src/lib/random/index.ts";
import { IMAGE_SIZE, LENS_CLASSES, MORPHOLOGY_CLASSES, simulateCutout } from "../../src/lib/astro/index.ts";
import type { CutoutKind } from "../../src/lib/astro/index.ts";
import { contactSheet } from "../training/shared/png.ts";
import { parseOptions, positiveInt, runCli, UsageError } from "../training/shared/options.ts";

/** `perClass` cutouts of each kind in `kinds`, one row per kind, as PNG bytes. */
export function examplesSheet(kinds: readonly CutoutKind[], perClass: number, seed: number | string): Uint8Array {
  const rng = new Rng(seed);
  const images: Float32Array[] = [];
  for (const kind of kinds) {
    for (let i = 0; i < perClass; i++) images.push(simulateCutout(kind, rng.fork(`${kind}/${i}`)).image);
  }
  return contactSheet(images, IMAGE_SIZE, perClass, 2);
}

const USAGE = `usage: node --experimental-strip-types models/cli/renderExamples.ts [out-dir] [--per-class N] [--seed S]
  --per-class N   cutouts per class (default 10)
  --seed S        the simulator's seed (default "examples")`;

/** The CLI: returns the exit code (2 for a bad command line). */
export function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  return runCli(
    (args) => {
      const { values, positionals } = parseOptions(args, { "per-class": { type: "string" }, seed: { type: "string" } });
      if (values.help) {
        out(USAGE);
        return 0;
      }
      if (positionals.length > 1) throw new UsageError(`one output folder at most, got ${positionals.length}`);
      const dir = positionals[0] ?? mkdtempSync(join(tmpdir(), "deep-sky-examples-"));
      const perClass = positiveInt("per-class", values["per-class"]) ?? 10;
      const seed = values.seed ?? "examples";
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "morphology-examples.png"), examplesSheet(MORPHOLOGY_CLASSES, perClass, seed));
      writeFileSync(join(dir, "lens-examples.png"), examplesSheet(LENS_CLASSES, perClass, seed));
      err(`wrote ${join(dir, "morphology-examples.png")} and ${join(dir, "lens-examples.png")}`);
      return 0;
    },
    [...argv],
    err,
  );
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
