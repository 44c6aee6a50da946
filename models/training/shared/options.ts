// Command-line options for the models CLIs, on node:util's parseArgs: one place that turns a bad
// option or value into a clear message (exit code 2) and `--help` into the usage text (exit code 0).
import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";

/** A command line that cannot be run: the message says what is wrong and what would be right. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * parseArgs with positionals allowed and strict option checking; its own errors (unknown option,
 * missing value) become UsageErrors. `help` (--help / -h) is always accepted.
 */
export function parseOptions<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
      throw new UsageError(error.message);
    throw error;
  }
}

/** A positive integer option (`--epochs 12`), or undefined when it was not given. */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} needs a positive integer, got "${value}"`);
  return n;
}

/** A positive number option (`--lr 0.002`, `--max-minutes 1.5`), or undefined when it was not given. */
export function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} needs a positive number, got "${value}"`);
  return n;
}

/** The arguments as a card should quote them: without --out and its folder (a machine's path). */
export function argsWithoutOut(args: readonly string[]): string[] {
  return args.filter((a, i) => a !== "--out" && !a.startsWith("--out=") && args[i - 1] !== "--out");
}

/** Runs a CLI's main: a UsageError prints its message and a hint and exits 2; anything else is a crash. */
export async function runCli(
  main: (argv: string[]) => Promise<number> | number,
  argv = process.argv.slice(2),
  err: (line: string) => void = console.error,
): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`error: ${error.message}\n(run with --help for the options)`);
      return 2;
    }
    throw error;
  }
}
