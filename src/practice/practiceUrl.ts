/**
 * The practice page's URL state, one typed schema for parsing and writing:
 *   /practice/?family=neuron-output&seed=123456&level=2   one exact exercise (share it, or test it)
 *   /practice/?focus=lesson:neurons-and-layers             practise one lesson's families
 *   /practice/?focus=skill:bias                             practise the families of one skill
 * Anything unreadable is ignored (the page falls back to "chosen for you").
 */
export type PracticeUrlState = {
  family?: string;
  seed?: string;
  level?: number;
  /** "all", "lesson:<slug>" or "skill:<skill>". */
  focus?: string;
};

const SAFE = /^[\w .:-]{1,80}$/;

export function parsePracticeUrl(search: string): PracticeUrlState {
  const params = new URLSearchParams(search);
  const state: PracticeUrlState = {};
  const family = params.get("family");
  if (family && /^[a-z0-9-]{1,60}$/.test(family)) state.family = family;
  const seed = params.get("seed");
  if (seed && /^[\w-]{1,40}$/.test(seed)) state.seed = seed;
  const level = Number(params.get("level"));
  if (params.has("level") && Number.isInteger(level) && level >= 1 && level <= 9) state.level = level;
  const focus = params.get("focus");
  if (focus && SAFE.test(focus) && (focus === "all" || focus.startsWith("lesson:") || focus.startsWith("skill:"))) state.focus = focus;
  return state;
}

export function writePracticeUrl(state: PracticeUrlState): string {
  const params = new URLSearchParams();
  if (state.focus && state.focus !== "all") params.set("focus", state.focus);
  if (state.family) params.set("family", state.family);
  if (state.seed) params.set("seed", state.seed);
  if (state.level !== undefined) params.set("level", String(state.level));
  const text = params.toString();
  return text ? `?${text}` : "";
}
