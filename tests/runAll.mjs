// `npm test`: formatting and lint, type checking, unit tests, model-pipeline tests, the production
// build, then browser tests against that build — cheapest first, stopping at the first failure,
// with the time each step took.
import { spawnSync } from "node:child_process";

const ENGINE = ["src/lib/autodiff", "src/lib/nn", "src/lib/optim", "src/lib/worker", "src/lib/kernels"];

const steps = [
  ["Format (prettier)", "npx", ["prettier", "--check", "."]],
  ["Lint (eslint)", "npx", ["eslint", "."]],
  ["Type check (.astro)", "npx", ["astro", "check", "--minimumSeverity", "warning"]],
  ["Type check (.ts/.tsx)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["Unit tests", "npx", ["vitest", "run", "--project", "unit"]],
  // The engine's suite once more on each kernel backend, every float32 op on it (src/lib/kernels).
  ["Engine on JS kernels", "npx", ["vitest", "run", "--project", "unit", ...ENGINE], { ENGINE_KERNELS: "js" }],
  ["Engine on WASM kernels", "npx", ["vitest", "run", "--project", "unit", ...ENGINE], { ENGINE_KERNELS: "wasm" }],
  ["Model-pipeline tests", "npx", ["vitest", "run", "--project", "models"]],
  ["Production build", "npx", ["astro", "build"]],
  ["Browser tests", "node", ["tests/e2e/run.mjs"]],
];

const timings = [];
for (const [name, command, args, env = {}] of steps) {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v} `);
  console.log(`\n━━ ${name}: ${vars.join("")}${command} ${args.join(" ")}`);
  const start = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  timings.push(`${name.padEnd(24)} ${seconds.padStart(6)} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal}). Steps so far:\n${timings.join("\n")}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✓ All steps passed.\n${timings.join("\n")}`);
