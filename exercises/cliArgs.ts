import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";

/** Bad usage: the CLI prints the message and its usage, and exits with code 2. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/**
 * A subcommand's arguments through node:util's parseArgs (strict: unknown options and missing
 * values are errors), with --help/-h added to every command and parseArgs' errors reworded for
 * people ("--seed needs a value.", "Unknown option --colour.").
 */
export function parseCommandArgs<O extends OptionSpec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`Unknown option ${/'([^']+)'/.exec(message)?.[1] ?? message}.`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = /'(-[\w-]+|--[\w-]+)/.exec(message)?.[1];
      throw new UsageError(name ? `${name} needs a value.` : message);
    }
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) throw new UsageError(message);
    throw error;
  }
}
