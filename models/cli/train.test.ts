import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { main } from "./train.ts";
import { parseClassifierOptions } from "../training/classifier/options.ts";
import { parseAutoencoderOptions } from "../training/autoencoder/options.ts";
import { parseDenoiserOptions } from "../training/denoiser/options.ts";
import { argsWithoutOut } from "../training/shared/options.ts";

/** Runs the CLI's main without training anything: every case here stops at the command line. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run models:train (command line)", () => {
  it("--help prints every pipeline's options and exits 0; a pipeline's own --help prints its options", async () => {
    const all = await run(["--help"]);
    expect(all.code).toBe(0);
    for (const text of [
      "[galaxy-morphology|lens-finder…]",
      "--evaluate-only",
      "galaxy-autoencoder [options]",
      "--no-sweep",
      "galaxy-denoiser [options]",
      "--steps N",
    ])
      expect(all.out).toContain(text);
    const ae = await run(["galaxy-autoencoder", "--help"]);
    expect(ae.code).toBe(0);
    expect(ae.out).toMatch(/^usage: npm run models:train -- galaxy-autoencoder \[options\]/);
    expect(ae.out).not.toContain("--steps");
    const dn = await run(["galaxy-denoiser", "-h"]);
    expect(dn.code).toBe(0);
    expect(dn.out).toContain("--stop-after N");
  });

  it("bad values, unknown options and unknown models exit 2 with a message that names the problem", async () => {
    const cases: [string[], string][] = [
      [["lens-finder", "--epochs", "0"], '--epochs needs a positive integer, got "0"'],
      [["lens-finder", "--epochs", "two"], '--epochs needs a positive integer, got "two"'],
      [["lens-finder", "--lr=-1"], '--lr needs a positive number, got "-1"'],
      [["lens-finder", "--widths", "8,16"], '--widths needs three positive integers like 8,16,32, got "8,16"'],
      [["lens-finder", "--colour"], "Unknown option '--colour'"],
      [["cat-finder"], 'unknown model "cat-finder"'],
      [["--epochs", "2"], "name the model(s) the options are for"],
      [["galaxy-autoencoder", "--steps", "3"], "Unknown option '--steps'"],
      [["galaxy-autoencoder", "--epochs", "1.5"], '--epochs needs a positive integer, got "1.5"'],
      [["galaxy-denoiser", "--max-minutes", "soon"], '--max-minutes needs a positive number, got "soon"'],
      [["galaxy-denoiser", "lens-finder"], 'galaxy-denoiser takes no other model names or arguments, got "lens-finder"'],
      [["galaxy-denoiser", "--out"], "Option '--out <value>' argument missing"],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toContain(message);
    }
  });

  it("parses each pipeline's options into overrides of the zoo's spec", () => {
    expect(
      parseClassifierOptions(["lens-finder", "--epochs", "2", "--train", "500", "--widths", "4,8,16", "--batch-norm", "--out", "/tmp/x"]),
    ).toEqual({
      names: ["lens-finder"],
      overrides: { epochs: 2, trainImages: 500, widths: [4, 8, 16], batchNorm: true },
      out: "/tmp/x",
      evaluateOnly: false,
      help: false,
      threads: 1,
    });
    // --threads N shards each batch over N workers (the default is one, in-process).
    expect(parseClassifierOptions(["galaxy-morphology", "--threads", "2"]).threads).toBe(2);
    const ae = parseAutoencoderOptions(["--epochs", "1", "--no-sweep"]);
    expect([ae.spec.epochs, ae.spec.sweepSizes, ae.spec.name]).toEqual([1, [], "galaxy-autoencoder"]);
    const dn = parseDenoiserOptions(["--steps", "3", "--stop-after", "2", "--batch", "4"]);
    expect([dn.spec.steps, dn.spec.stopAfterSteps, dn.spec.batchSize, dn.out]).toEqual([3, 2, 4, null]);
    // A card quotes the command without --out's folder (a machine path), in either spelling.
    expect(argsWithoutOut(["--epochs", "2", "--out", "/tmp/x", "--out=/tmp/y", "--train", "9"])).toEqual(["--epochs", "2", "--train", "9"]);
  });

  it("runs as a script: --help exits 0 under node's type stripping, a bad value exits 2", () => {
    const help = spawnSync(process.execPath, ["--experimental-strip-types", "--no-warnings", "models/cli/train.ts", "--help"], {
      encoding: "utf8",
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage: npm run models:train --");
    const bad = spawnSync(
      process.execPath,
      ["--experimental-strip-types", "--no-warnings", "models/cli/train.ts", "lens-finder", "--test", "x"],
      { encoding: "utf8" },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--test needs a positive integer, got "x"');
  });
});
