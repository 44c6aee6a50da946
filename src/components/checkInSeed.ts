/**
 * The seed of a lesson's check-in question. A check-in is one exercise of a family at level 1; its
 * seed comes from the lesson, the check-in's position in the lesson (0, 1, 2… in page order) and
 * how many times the learner asked for another one, so the same learner (and every learner) meets
 * the same question at the same spot on every visit, and each spot in each lesson a different one.
 *
 * FNV-1a (32 bit) of "check-in:<lesson>:<position>:<round>", folded into six digits like the
 * practice page's seeds (100000–999999), so it can be read out or shared in a practice link.
 */
export function checkInSeed(lesson: string, position: number, round = 0): string {
  const text = `check-in:${lesson}:${position}:${round}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(100_000 + (hash % 900_000));
}
