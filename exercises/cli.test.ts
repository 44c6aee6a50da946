import { describe, expect, it } from "vitest";
import { main } from "./cli.ts";
import { families } from "./registry.ts";

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("exercises CLI", () => {
  it("list prints every family with its lesson, levels and skills", () => {
    const r = run(["list"]);
    expect(r.code).toBe(0);
    for (const f of families) expect(r.out).toContain(f.id);
    expect(r.out).toContain("why-deep-learning");
    expect(r.out).toMatch(/levels 1,2,3/);
  });

  it("list --json gives id, lesson, levels and skills for each family", () => {
    const parsed = JSON.parse(run(["list", "--json"]).out);
    expect(parsed).toHaveLength(families.length);
    expect(parsed[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), lesson: expect.any(String), levels: expect.any(Array), skills: expect.any(Array) }),
    );
  });

  it("generate prints the prompt, the answer and the worked solution", () => {
    const r = run(["generate", "neuron-output", "--seed", "7", "--level", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/# neuron-output v1 · seed 7 · level 2/);
    expect(r.out).toContain("Answer:");
    expect(r.out).toContain("Solution:");
    expect(r.out).toContain("Hints:");
  });

  it("generate --json has at least id, version, seed, level, prompt, answer and solution, and is reproducible", () => {
    const a = JSON.parse(run(["generate", "dense-params", "--seed", "abc", "--json"]).out);
    for (const key of ["id", "version", "seed", "level", "prompt", "answer", "solution"]) expect(a).toHaveProperty(key);
    expect(a.seed).toBe("abc");
    expect(run(["generate", "dense-params", "--seed", "abc", "--json"]).out).toBe(JSON.stringify(a, null, 2));
  });

  it("generate --count n gives n exercises with consecutive seeds", () => {
    const list = JSON.parse(run(["generate", "gd-step", "--seed", "10", "--count", "3", "--json"]).out);
    expect(list.map((e: { seed: string }) => e.seed)).toEqual(["10", "11", "12"]);
    const named = JSON.parse(run(["generate", "gd-step", "--seed", "x", "--count", "2", "--json"]).out);
    expect(named.map((e: { seed: string }) => e.seed)).toEqual(["x-0", "x-1"]);
  });

  it("exits with code 2 and a clear message on bad usage", () => {
    for (const [args, pattern] of [
      [[], /Usage/],
      [["frobnicate"], /Unknown command/],
      [["generate"], /exactly one family/],
      [["generate", "no-such-family", "--seed", "1"], /Unknown exercise family “no-such-family”/],
      [["generate", "gd-step"], /needs --seed/],
      [["generate", "gd-step", "--seed", "1", "--level", "7"], /has levels 1, 2, 3/],
      [["generate", "gd-step", "--seed", "1", "--count", "0"], /--count/],
      [["generate", "gd-step", "--seed", "1", "--colour"], /Unknown option --colour/],
      [["generate", "gd-step", "--seed"], /--seed needs a value/],
    ] as const) {
      const r = run([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err + r.out, args.join(" ")).toMatch(pattern);
    }
  });

  it("help exits 0, for the CLI and for each command, and the usage names every command", () => {
    expect(run(["--help"]).code).toBe(0);
    for (const command of ["list", "generate", "grade"]) {
      expect(run([command, "--help"]).code, command).toBe(0);
      expect(run(["--help"]).out).toContain(`npm run exercises -- ${command}`);
    }
  });
});
