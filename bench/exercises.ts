import { answerText, isFullScore } from "../src/lib/grading/index.ts";
import { correctInput } from "../exercises/family.ts";
import { createExercise, families, gradeExercise } from "../exercises/registry.ts";

/**
 * Benchmark: generate and grade 1,000 exercises round-robin over every family and level (each graded
 * once with the correct answer, which also runs misconception matching). Prints milliseconds.
 *   node --experimental-strip-types bench/exercises.ts [count]
 */
export function benchExercises(count = 1000): { ms: number; count: number; perExerciseUs: number } {
  const jobs = families.flatMap((f) => f.levels.map((level) => ({ id: f.id, level })));
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const job = jobs[i % jobs.length];
    const exercise = createExercise(job.id, `bench-${i}`, job.level);
    const score = gradeExercise(exercise, correctInput(exercise.answer, answerText));
    if (!isFullScore(score)) throw new Error(`${job.id} seed bench-${i}: the correct answer did not score full`);
  }
  const ms = performance.now() - start;
  return { ms, count, perExerciseUs: (ms * 1000) / count };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 1000);
  // Warm-up: one exercise of every (family, level), so JIT, module initialisation and the one-time
  // caches (e.g. the learning-curve training runs) are not timed.
  benchExercises(families.reduce((n, f) => n + f.levels.length, 0));
  const r = benchExercises(count);
  console.log(
    `exercises: generated and graded ${r.count} exercises over ${families.length} families in ${r.ms.toFixed(0)} ms (${r.perExerciseUs.toFixed(0)} µs each)`,
  );
}
