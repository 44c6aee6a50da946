import type { Rng } from "../random/rng.ts";

/**
 * One simulation parameter: the interval it is drawn from, how, its unit and why the interval is
 * what it is. The samplers read these objects, and the model cards and lessons print them, so the
 * documentation cannot drift from the code.
 */
export interface ParamRange {
  min: number;
  max: number;
  /** "linear": uniform in [min, max]; "log": uniform in log (scale-free sizes and ratios); "int": integers min…max. */
  scale: "linear" | "log" | "int";
  unit: string;
  why: string;
}

/** Draws a value of `range` as its `scale` says. */
export function draw(rng: Rng, range: ParamRange): number {
  if (range.scale === "int") return rng.int(range.min, range.max + 1);
  if (range.scale === "log") return Math.exp(rng.uniform(Math.log(range.min), Math.log(range.max)));
  return rng.uniform(range.min, range.max);
}

const r = (min: number, max: number, scale: ParamRange["scale"], unit: string, why: string): ParamRange => ({ min, max, scale, unit, why });

/** Seeing, depth and framing, shared by every cutout. */
export const OBSERVING = {
  psfFwhm: r(
    0.9,
    1.6,
    "linear",
    "arcsec (r band)",
    "DECaLS r-band seeing is mostly 0.9–1.6″ (median ≈ 1.25″); g is 6% broader, z 7% sharper",
  ),
  psfWingFraction: r(
    0.06,
    0.14,
    "linear",
    "of the PSF flux",
    "a Moffat (β ≈ 3) PSF has broad wings; we add them as a second Gaussian of 2.2× the core width",
  ),
  depth: r(
    0.75,
    1.5,
    "log",
    "× nominal noise σ",
    "coadd depth varies with the number of exposures and the sky: the noise in a pixel varies by ~2× across the footprint",
  ),
  skyResidual: r(-0.15, 0.15, "linear", "× noise σ", "sky subtraction leaves a small constant offset in a cutout"),
  centreOffset: r(
    0,
    5,
    "linear",
    "pixels (radius)",
    "catalogue positions and cutout centres differ by a few pixels, and a CNN should not rely on perfect centring",
  ),
  neighbours: r(0, 3, "int", "galaxies", "faint background galaxies are in most 17″ cutouts at DECaLS depth"),
  neighbourRadius: r(0.6, 2.5, "log", "pixels (r_e)", "background galaxies are small: 0.15–0.65″"),
  neighbourN: r(0.7, 4, "linear", "", "background galaxies of every type (disk-like to spheroidal)"),
  neighbourMag: r(19.5, 23, "linear", "r mag", "from a little brighter than the detection limit to moderately bright"),
  neighbourGMinusR: r(0.3, 1.7, "linear", "mag", "field galaxies span blue star-forming to red high-redshift ellipticals"),
  stars: r(0, 2, "int", "stars", "a few foreground Milky Way stars per cutout at high galactic latitude"),
  starMag: r(15.5, 22, "linear", "r mag", "bright stars are rarer than faint ones but matter most (they look like compact galaxies)"),
  starGMinusR: r(-0.3, 1.4, "linear", "mag", "main-sequence stars from A (blue) to M (red) dwarfs"),
} as const;

/** Elliptical galaxies: red, smooth, centrally concentrated Sérsic profiles. */
export const ELLIPTICAL = {
  sersicN: r(3, 5, "linear", "", "de Vaucouleurs' n = 4 ± the spread measured for bright ellipticals"),
  axisRatio: r(0.5, 1, "linear", "b/a", "E0–E5: flatter ellipticals are rare and would overlap lenticulars and edge-on disks"),
  effectiveRadius: r(2.5, 16, "log", "pixels", "0.65–4.2″: ellipticals at z ≈ 0.03–0.2, from small in the frame to filling it"),
  surfaceBrightness: r(
    19.5,
    22,
    "linear",
    "r mag/arcsec² (mean within r_e)",
    "the range of the Kormendy relation for these sizes; keeps every galaxy well above the noise",
  ),
  gMinusR: r(0.7, 1, "linear", "mag", "red sequence at z ≈ 0–0.2 (old stars, 4000 Å break between g and r)"),
  rMinusZ: r(0.35, 0.6, "linear", "mag", "old stellar populations are red in r − z too"),
} as const;

/** Spiral galaxies seen at low to moderate inclination: disk, bulge, arms, bar, star-forming knots. */
export const SPIRAL = {
  diskScaleLength: r(2.5, 9, "log", "pixels", "0.65–2.4″ (r_e = 1.68 h from 1.1″ to 4″): from compact to frame-filling disks"),
  surfaceBrightness: r(
    20.5,
    22.8,
    "linear",
    "r mag/arcsec² (mean within r_e)",
    "disks are fainter per area than ellipticals (Freeman's central value ≈ 21.5 in B)",
  ),
  cosInclination: r(
    0.42,
    1,
    "linear",
    "cos i",
    "i = 0–65°, uniform in cos i as for random orientations; 65–80° is left out so 'spiral' and 'edge-on' stay distinct classes",
  ),
  diskThickness: r(0.1, 0.16, "linear", "q₀", "intrinsic axis ratio of a disk seen edge-on: b/a = √(cos² i + q₀² sin² i)"),
  bulgeToTotal: r(0.05, 0.45, "linear", "", "Sd (tiny bulge) to Sa (large bulge)"),
  bulgeN: r(1.5, 4, "linear", "", "pseudo-bulges (n ≈ 1.5–2) to classical bulges (n ≈ 4)"),
  bulgeRadius: r(0.2, 0.5, "linear", "× h", "bulges are a fraction of the disk scale length"),
  arms: r(2, 4, "int", "arms", "grand-design spirals have 2 arms; many-armed spirals have 3–4 prominent ones"),
  pitchAngle: r(10, 35, "linear", "degrees", "Sa (tightly wound, ≈ 10°) to Sc/Sd (open, ≈ 30–35°)"),
  armFraction: r(0.25, 0.55, "linear", "of the disk light", "arms are a strong density wave in blue light"),
  armSharpness: r(2, 6, "linear", "exponent", "narrow (6) to broad (2) arms: the profile is ((1 + cos mφ) / 2)^sharpness"),
  barProbability: r(0.35, 0.35, "linear", "", "about a third of disk galaxies have a strong bar in optical images"),
  barLength: r(0.8, 1.8, "linear", "× h", "bars end inside the disk, near the start of the arms"),
  barAxisRatio: r(0.2, 0.35, "linear", "b/a", "bars are thin, elongated structures"),
  barFraction: r(0.05, 0.15, "linear", "of the total light", "a bar holds a modest share of the light"),
  knots: r(0, 20, "int", "HII regions", "star-forming knots along the arms, resolved in nearby spirals"),
  knotFraction: r(0.02, 0.1, "linear", "of the total light", "HII regions are bright but small"),
  knotSigma: r(0.5, 1.1, "linear", "pixels", "unresolved to slightly resolved (before the PSF)"),
  diskGMinusR: r(0.4, 0.65, "linear", "mag", "a mix of old and young stars"),
  armGMinusR: r(0.15, 0.4, "linear", "mag", "young, blue stars trace the arms"),
  knotGMinusR: r(-0.15, 0.2, "linear", "mag", "HII regions are the bluest parts of a galaxy"),
  bulgeGMinusR: r(0.65, 0.85, "linear", "mag", "bulges are old and red like ellipticals"),
} as const;

/** Disk galaxies seen edge-on: thin, often split by a dust lane. */
export const EDGE_ON = {
  diskScaleLength: r(3, 10, "log", "pixels", "0.8–2.6″: edge-on disks are long, so slightly larger than face-on ones in the same frame"),
  surfaceBrightness: r(
    20,
    22,
    "linear",
    "r mag/arcsec² (mean within r_e)",
    "seen edge-on, the same disk light piles up along the line of sight",
  ),
  inclination: r(80, 90, "linear", "degrees", "edge-on: the Galaxy Zoo 'edge-on' answer is given for roughly i > 80°"),
  thickness: r(0.08, 0.2, "linear", "z₀ / h", "thin disks (0.08) to thick/puffed-up ones (0.2)"),
  bulgeToTotal: r(0, 0.3, "linear", "", "bulgeless (superthin) to Sa-like edge-ons"),
  bulgeAxisRatio: r(0.55, 0.9, "linear", "b/a", "bulges are puffier than the disk seen edge-on"),
  dustProbability: r(0.75, 0.75, "linear", "", "most edge-on spirals show a dust lane at this resolution"),
  dustOpticalDepth: r(0.6, 2.5, "linear", "τ in r", "the midplane lane absorbs more in g (τ × 1.35) than z (τ × 0.7): extinction ∝ 1/λ"),
  dustWidth: r(0.4, 0.8, "linear", "× z₀", "the dust layer is thinner than the stellar disk"),
  gMinusR: r(0.55, 0.85, "linear", "mag", "disk light reddened by its own dust"),
} as const;

/** Irregular galaxies: clumpy, asymmetric, blue. */
export const IRREGULAR = {
  scaleLength: r(2.5, 7, "log", "pixels", "irregulars are mostly small, low-mass galaxies"),
  surfaceBrightness: r(21, 23, "linear", "r mag/arcsec² (mean within r_e)", "low surface brightness, with bright star-forming clumps"),
  axisRatio: r(0.4, 0.9, "linear", "b/a", "the diffuse light is mildly elongated"),
  clumps: r(3, 10, "int", "clumps", "a few giant star-forming complexes dominate the appearance"),
  clumpFraction: r(0.3, 0.7, "linear", "of the total light", "much of the light of an irregular is in clumps"),
  clumpSigma: r(0.6, 2.2, "linear", "pixels", "complexes of a few hundred pc at z ≈ 0.02–0.05"),
  clumpScatter: r(0.6, 1.5, "linear", "× scale length", "clumps are spread over the whole body"),
  asymmetry: r(0.3, 1, "linear", "× scale length", "the clumps' centre is offset from the diffuse light: no symmetry axis"),
  gMinusR: r(0.1, 0.45, "linear", "mag", "young stellar populations"),
  clumpGMinusR: r(-0.15, 0.25, "linear", "mag", "star-forming clumps are bluer still"),
} as const;

/** Galaxy mergers: two or three galaxies overlapping, with tidal tails and bridges. */
export const MERGER = {
  thirdMemberProbability: r(0.2, 0.2, "linear", "", "most mergers are pairs; some groups merge"),
  memberRadius: r(2, 8, "log", "pixels", "each member is a galaxy like the other classes', somewhat smaller so the group fits the frame"),
  surfaceBrightness: r(19.8, 22, "linear", "r mag/arcsec² (mean within r_e)", "merging galaxies are bright; star formation is triggered"),
  memberN: r(0.8, 4, "linear", "", "disks and spheroids both merge"),
  memberAxisRatio: r(0.4, 1, "linear", "b/a", "distorted members at any orientation"),
  separation: r(
    0.9,
    1.8,
    "linear",
    "× (r_e,1 + r_e,2), at least 6 px",
    "overlapping to just-touching: close pairs that will merge, as in Galaxy Zoo's 'merging' answer; at least 6 px (1.6″, above the seeing) so the two nuclei are resolved",
  ),
  fluxRatio: r(1, 4, "log", "", "major mergers (1:1 to 1:4) produce the visible disturbances"),
  tails: r(1, 3, "int", "tails", "tidal tails are flung out by prograde encounters (Toomre & Toomre 1972)"),
  tailLength: r(1.5, 4, "linear", "× r_e", "tails reach several galaxy radii"),
  tailFraction: r(0.06, 0.2, "linear", "of the member's light", "tails are low surface brightness"),
  tailCurvature: r(0.5, 1.6, "linear", "radians", "tails curve as the material orbits"),
  bridgeProbability: r(0.5, 0.5, "linear", "", "a bridge of stars links the members in many interacting pairs"),
  distortion: r(0.15, 0.5, "linear", "× r_e", "the outer isophotes are offset from the nucleus (lopsided, disturbed shapes)"),
  gMinusR: r(0.3, 0.9, "linear", "mag", "merging disks and spheroids: blue to red"),
} as const;

/** Strong lenses: a red elliptical deflecting the light of a blue background galaxy. */
export const LENS = {
  lensRadius: r(2.5, 7, "log", "pixels", "r_e of luminous red galaxies at z ≈ 0.25–0.6: 0.65–1.8″ (5–10 kpc)"),
  lensN: r(3, 5, "linear", "", "lenses are massive ellipticals"),
  lensAxisRatio: r(0.6, 1, "linear", "b/a", "massive ellipticals are round to moderately flattened"),
  lensSurfaceBrightness: r(20, 22, "linear", "r mag/arcsec² (mean within r_e)", "LRGs of r ≈ 17.5–20, the targets of lens searches"),
  lensGMinusR: r(1.1, 1.8, "linear", "mag", "LRGs at z ≈ 0.25–0.6: the 4000 Å break has moved into r"),
  lensRMinusZ: r(0.7, 1.2, "linear", "mag", "LRG colours at those redshifts"),
  einsteinRadius: r(
    1.2,
    3,
    "linear",
    "arcsec",
    "galaxy-scale lenses found in ground-based surveys: below ~1″ the arcs hide under the lens and the PSF",
  ),
  massAxisRatio: r(0.6, 1, "linear", "b/a", "the SIE's flattening, aligned with the light within ±10°"),
  shear: r(0, 0.06, "linear", "γ", "external shear from the lens's environment"),
  sourceOffset: r(0, 0.6, "linear", "× θ_E (radius, area-uniform)", "β near 0 gives rings, near the caustic crosses and arcs"),
  sourceRadius: r(0.6, 2, "log", "pixels", "compact star-forming galaxies at z ≈ 1–2: 0.15–0.5″"),
  sourceAxisRatio: r(0.5, 1, "linear", "b/a", "sources are disks at random orientation"),
  sourceMag: r(
    20,
    22.5,
    "linear",
    "r mag (unlensed)",
    "magnified 3–30× into arcs of r ≈ 18–21.5: from obvious to hard; fainter arcs sit at the noise level of DECaLS and are mostly missed by eye too",
  ),
  sourceGMinusR: r(-0.1, 0.4, "linear", "mag", "high-redshift star-forming galaxies are blue: the classic blue arcs"),
  sourceRMinusZ: r(-0.1, 0.4, "linear", "mag", "flat-spectrum star-forming light"),
  sourceClumps: r(0, 3, "int", "clumps", "star-forming knots make arcs knotty"),
} as const;

/** Non-lenses chosen to look like lenses: the same red galaxies with blue companions that are not lensed. */
export const NON_LENS = {
  companions: r(1, 4, "int", "galaxies", "blue neighbours near LRGs are the main false positives of lens searches"),
  companionDistance: r(4, 26, "linear", "pixels", "1–7″: at and around typical Einstein radii"),
  companionRadius: r(0.6, 2.5, "log", "pixels", "like lensed sources before magnification"),
  companionAxisRatio: r(0.25, 1, "linear", "b/a", "some companions are elongated, like arcs, but not curved around the lens"),
  companionMag: r(20.5, 23.5, "linear", "r mag", "as bright as typical arcs"),
  companionGMinusR: r(-0.1, 0.6, "linear", "mag", "blue, like lensed sources"),
  superposedProbability: r(
    0.25,
    0.25,
    "linear",
    "",
    "a blue galaxy right behind (or in front of) the red one, seen unlensed: the hardest negatives",
  ),
  spiralNeighbourProbability: r(0.2, 0.2, "linear", "", "a blue spiral-armed neighbour: curved blue structure that is not an arc"),
} as const;

/** Every range table, by name (for cards and lessons). */
export const SIMULATION_RANGES = {
  observing: OBSERVING,
  elliptical: ELLIPTICAL,
  spiral: SPIRAL,
  edgeOn: EDGE_ON,
  irregular: IRREGULAR,
  merger: MERGER,
  lens: LENS,
  nonLens: NON_LENS,
} as const;

/** A Markdown table of a range table: parameter, range, unit, why. */
export function rangesToMarkdown(table: Readonly<Record<string, ParamRange>>): string {
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));
  const rows = Object.entries(table).map(([name, p]) => {
    const range = p.min === p.max ? fmt(p.min) : `${fmt(p.min)} – ${fmt(p.max)}${p.scale === "log" ? " (log-uniform)" : ""}`;
    return `| ${name} | ${range} | ${p.unit} | ${p.why} |`;
  });
  return ["| parameter | range | unit | why |", "|---|---|---|---|", ...rows].join("\n");
}
