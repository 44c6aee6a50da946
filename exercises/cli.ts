import { pathToFileURL } from "node:url";
import { answerDisplay, answerText } from "../src/lib/grading/index.ts";
import { createExercise, exerciseParams, families, getFamily, lessons } from "./registry.ts";
import { UsageError, parseCommandArgs } from "./cliArgs.ts";
import { GRADE_HELP, gradeCommand } from "./gradeCli.ts";

/**
 * Instructor CLI:
 *   npm run exercises -- list [--json]
 *   npm run exercises -- generate <family> --seed <s> [--level <l>] [--count <n>] [--json]
 *   npm run exercises -- grade <receipts file> [--csv] [--assignment <link>]
 * `main` is a plain function of its arguments (and two writers) so tests run it in-process.
 */

export const USAGE = `Usage:
  npm run exercises -- list [--json]
      List the exercise families with their lesson, levels and skills.
  npm run exercises -- generate <family> --seed <s> [--level <l>] [--count <n>] [--json]
      Print exercises with their answers and worked solutions. Any seed string works; with
      --count n, the seeds are s, s+1, … (numeric s) or s-0, s-1, … (other s).
${GRADE_HELP}
  Every command takes --help (or -h).`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

function list(args: string[], io: Io): number {
  const { positionals, values } = parseCommandArgs(args, { json: { type: "boolean" } });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`list takes no arguments (got “${positionals.join(" ")}”).`);
  if (values.json) {
    io.out(
      JSON.stringify(
        families.map((f) => ({ id: f.id, version: f.version, title: f.title, lesson: f.lesson, levels: f.levels, skills: f.skills })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const lesson of lessons) {
    const fs = families.filter((f) => f.lesson === lesson);
    io.out(`${lesson} (${fs.length})`);
    for (const f of fs) io.out(`  ${f.id.padEnd(30)} v${f.version}  levels ${f.levels.join(",").padEnd(6)} ${f.skills.join("; ")}`);
  }
  io.out(`\n${families.length} families.`);
  return 0;
}

function seedsFor(seed: string, count: number): string[] {
  if (count === 1) return [seed];
  return Array.from({ length: count }, (_, i) => (/^\d+$/.test(seed) ? String(Number(seed) + i) : `${seed}-${i}`));
}

function generate(args: string[], io: Io): number {
  const { positionals, values: options } = parseCommandArgs(args, {
    seed: { type: "string" },
    level: { type: "string" },
    count: { type: "string" },
    json: { type: "boolean" },
  });
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("generate needs exactly one family id.");
  const [id] = positionals as [string];
  if (!families.some((f) => f.id === id))
    throw new UsageError(`Unknown exercise family “${id}”. Run “npm run exercises -- list” to see them.`);
  const family = getFamily(id);
  if (options.seed === undefined || options.seed === "") throw new UsageError("generate needs --seed <s>.");
  const level = options.level === undefined ? family.levels[0] : Number(options.level);
  if (!family.levels.includes(level)) throw new UsageError(`“${id}” has levels ${family.levels.join(", ")}; got --level ${options.level}.`);
  const count = options.count === undefined ? 1 : Number(options.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new UsageError(`--count must be a whole number from 1 to 1000; got “${options.count}”.`);

  const records = seedsFor(options.seed, count).map((seed) => {
    const exercise = createExercise(id, seed, level);
    const misconceptions = family.misconceptions(exerciseParams(id, seed, level));
    return {
      ...exercise,
      answerText: Object.fromEntries(Object.entries(exercise.answer).map(([part, spec]) => [part, answerText(spec)])),
      misconceptions,
    };
  });
  if (options.json) {
    io.out(JSON.stringify(count === 1 ? records[0] : records, null, 2));
    return 0;
  }
  for (const r of records) {
    io.out(`# ${r.id} v${r.version} · seed ${r.seed} · level ${r.level} — ${r.title}\n`);
    io.out(r.prompt + "\n");
    if (r.figure) io.out(`[figure: ${r.figure.alt ?? r.figure.kind}]\n`);
    for (const part of r.parts) {
      io.out(`Part ${part.id} (${part.kind}): ${part.label}`);
      for (const o of part.options ?? []) io.out(`  (${o.id}) ${o.label}${o.plot ? " [plot]" : ""}`);
      for (const item of part.items ?? []) io.out(`  [${item.id}] ${item.label}`);
    }
    io.out("\nAnswer:");
    for (const [part, spec] of Object.entries(r.answer)) io.out(`  ${part}: ${answerDisplay(spec)}    (type: ${r.answerText[part]})`);
    io.out("\nHints:");
    r.hints.forEach((h, i) => io.out(`  ${i + 1}. ${h}`));
    io.out("\nSolution:");
    r.solution.forEach((s, i) => io.out(`  ${i + 1}. ${s}`));
    if (r.misconceptions.length > 0) {
      io.out("\nMisconceptions recognised:");
      for (const m of r.misconceptions) io.out(`  ${m.id}: ${JSON.stringify(m.input)} → ${m.feedback}`);
    }
    io.out("");
  }
  return 0;
}

/** Runs the CLI; returns the exit code (0 ok, 2 bad usage). */
export function main(args: string[], io: Io): number {
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "list") return list(rest, io);
    if (command === "generate") return generate(rest, io);
    if (command === "grade") return gradeCommand(rest, io);
    throw new UsageError(`Unknown command “${command}”.`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

// Run when executed directly (node --experimental-strip-types exercises/cli.ts …), not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) });
}
