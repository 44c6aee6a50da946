/**
 * Lays out the course map as a star chart: each lesson is a star, each part of the course a
 * constellation whose stars are joined in lesson order. Pure: takes plain lesson data, returns
 * coordinates, so the same layout can be drawn wide (desktop) or tall (phones) and tested.
 */

export interface ChartLesson {
  id: string;
  part: string;
  order: number;
}

export interface ChartStar {
  id: string;
  x: number;
  y: number;
  /** Star radius: longer lessons are brighter stars. */
  r: number;
  /** Which side of the star its label goes, away from its neighbours on the zigzag. */
  labelSide: "above" | "below" | "right";
}

export interface ChartConstellation {
  part: string;
  /** Where the constellation's name is written. */
  labelX: number;
  labelY: number;
  /** Line segments joining consecutive lessons of the part. */
  lines: { x1: number; y1: number; x2: number; y2: number }[];
}

export interface StarChart {
  width: number;
  height: number;
  stars: ChartStar[];
  constellations: ChartConstellation[];
}

export interface ChartOptions {
  width: number;
  height: number;
  /** "wide": parts side by side, left to right; "tall": parts stacked top to bottom. */
  direction: "wide" | "tall";
  margin?: number;
}

/**
 * A small deterministic hash in [0, 1) so a star's wobble off its grid line is stable across builds
 * (the course map must not shuffle between deployments). FNV-1a, then scaled.
 */
export function stableJitter(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

export function layoutStarChart(
  lessons: readonly (ChartLesson & { minutes: number })[],
  partOrder: readonly string[],
  options: ChartOptions,
): StarChart {
  const { width, height, direction } = options;
  const margin = options.margin ?? 40;
  const parts = partOrder.filter((part) => lessons.some((lesson) => lesson.part === part));
  // Each part gets a share of the long axis proportional to its number of lessons (plus one so a
  // single-lesson part still has room for its name).
  const weights = parts.map((part) => lessons.filter((l) => l.part === part).length + 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const long = (direction === "wide" ? width : height) - 2 * margin;
  const short = (direction === "wide" ? height : width) - 2 * margin;

  const stars: ChartStar[] = [];
  const constellations: ChartConstellation[] = [];
  let offset = margin;
  parts.forEach((part, p) => {
    const span = (long * weights[p]!) / totalWeight;
    const members = lessons.filter((l) => l.part === part).sort((a, b) => a.order - b.order);
    const partStars = members.map((lesson, i) => {
      // Along the long axis: evenly inside the part's span. Across: a zigzag so the joining lines
      // look like a constellation rather than a ruler, nudged by the lesson's own jitter.
      const along = offset + (span * (i + 1)) / (members.length + 1);
      const upper = i % 2 === 0;
      const zig = direction === "wide" ? (upper ? 0.3 : 0.72) : upper ? 0.3 : 0.6;
      const across = margin + 18 + (short - 18) * (zig + (stableJitter(lesson.id) - 0.5) * 0.12);
      const [x, y] = direction === "wide" ? [along, across] : [across, along];
      const r = 4 + Math.min(6, lesson.minutes / 8);
      const labelSide: ChartStar["labelSide"] = direction === "tall" ? "right" : upper ? "above" : "below";
      return { id: lesson.id, x, y, r, labelSide };
    });
    stars.push(...partStars);
    const lines = partStars.slice(1).map((star, i) => ({
      x1: partStars[i]!.x,
      y1: partStars[i]!.y,
      x2: star.x,
      y2: star.y,
    }));
    const labelX = direction === "wide" ? offset + span / 2 : margin;
    const labelY = direction === "wide" ? margin : offset + 14;
    constellations.push({ part, labelX, labelY, lines });
    offset += span;
  });
  return { width, height, stars, constellations };
}
