// Why each simulation range is what it is: the prose the model cards print beside ranges.ts's
// intervals. Kept apart from the ranges so that the browser's galaxy simulator does not carry it; the
// type below demands exactly one note per parameter of every table, so the two cannot drift apart.
import { SIMULATION_RANGES } from "./ranges.ts";
import type { ParamRange } from "./ranges.ts";

type Notes = { readonly [T in keyof typeof SIMULATION_RANGES]: { readonly [P in keyof (typeof SIMULATION_RANGES)[T]]: string } };

/** The reason for each range, by table and parameter name (as SIMULATION_RANGES). */
export const RANGE_NOTES: Notes = {
  nominalLook: {
    psfFwhm: "typical DECaLS r-band seeing (median ≈ 1.2″): the one look the autoencoder and the denoiser were trained on",
    depth: "around DECaLS's nominal depth, from a little deeper to half as deep again in noise",
  },
  observing: {
    psfFwhm:
      "ground-based seeing from a good night at a good site (0.6″, KiDS) to a poor one (2″, some SDSS fields); g is 6% broader, z 7% sharper",
    psfWingFraction: "a Moffat (β ≈ 3) PSF has broad wings; we add them as a second Gaussian of 2.2× the core width",
    binning:
      "morphology only: a picture of unknown scale is framed by the galaxy's size, so its pixels are several native pixels (SDSS's are 1.5×; the bright, well-resolved galaxies people classify are shrunk further, to 6×, 1.6″ pixels): the PSF is that much narrower in pixels and the noise that much lower; lens cutouts keep the native scale, as their real inputs come at a known one",
    depth:
      "coadd depth varies with the number of exposures, the sky and the survey (SDSS is shallower than DECaLS, KiDS deeper); the galaxies people picture are bright, and shrinking a picture averages its noise away, so the noise in real pictures is mostly low",
    skyResidual: "sky subtraction leaves a small constant offset in a cutout",
    centreOffset: "catalogue positions and cutout centres differ by a few pixels, and a CNN should not rely on perfect centring",
    neighbours: "faint background galaxies are in most cutouts at these depths",
    neighbourRadius: "background galaxies are small: 0.15–0.65″",
    neighbourN: "background galaxies of every type (disk-like to spheroidal)",
    neighbourMag: "from a little brighter than the detection limit to moderately bright",
    neighbourGMinusR: "field galaxies span blue star-forming to red high-redshift ellipticals",
    stars: "foreground Milky Way stars: none to several per cutout, more at lower galactic latitude",
    starMag:
      "bright stars are rarer than faint ones but matter most: the brightest saturate the stretch (white cores), the faintest look like compact galaxies",
    starGMinusR: "main-sequence stars from A (blue) to M (red) dwarfs",
    stretchGain:
      "survey viewers stretch differently (Legacy Surveys' dr2_rgb, SDSS's Lupton scales, KiDS's own): real pictures of bright galaxies seldom saturate their cores, so mostly softer than the Legacy stretch",
    colourBalance:
      "each survey weighs its bands differently (grz vs gri, different filters and zero points): the same galaxy is a little bluer, yellower or greener",
    colourTilt:
      "gri pictures (SDSS, KiDS) show i where grz shows z, and their viewers render galaxies warmer: the real development set's galaxies are redder (R − B) than the Legacy stretch alone makes them",
    stretchQ: "from a nearly logarithmic stretch (bright cores, visible outskirts) to a nearly linear one",
    stretchOffset: "some viewers lift the sky to dark grey so the noise shows, others clip it to black",
    peak: "pictures made for people keep the cores of bright galaxies below white, with their structure (the real development set's brightest pixels are ≈ 0.6–0.7 of white, and hardly any pixel is flattened at the top)",
    saturation:
      "JPEG viewers and processing pipelines mute colour, and some pictures are grey (one band): real pictures of bright galaxies are often greyer than a colour-preserving stretch gives, and a network should not tell classes apart by colour alone",
    chromaSmoothing:
      "JPEG stores colour at half resolution (4:2:0): colour noise is smoothed over 2 × 2 pixels while brightness keeps its detail",
  },
  elliptical: {
    sersicN:
      "de Vaucouleurs' n = 4 ± the spread measured for ellipticals: fainter ones are less concentrated, giant ones have bright cores and extended halos",
    axisRatio: "E0–E5: flatter ellipticals are rare and would overlap lenticulars and edge-on disks",
    effectiveRadius: "0.65–4.2″: ellipticals at z ≈ 0.03–0.2, from small in the frame to filling it",
    surfaceBrightness: "the range of the Kormendy relation for these sizes; keeps every galaxy well above the noise",
    gMinusR: "red sequence at z ≈ 0–0.2 (old stars, 4000 Å break between g and r)",
    rMinusZ: "old stellar populations are red in r − z too",
  },
  spiral: {
    diskScaleLength: "0.65–2.4″ (r_e = 1.68 h from 1.1″ to 4″): from compact to frame-filling disks",
    surfaceBrightness:
      "disks are fainter per area than ellipticals (Freeman's central value ≈ 21.5 in B), but the bright spirals catalogues show overlap them: brightness alone must not tell the classes apart",
    cosInclination:
      "i = 0–70°, uniform in cos i as for random orientations (Galaxy Zoo's spirals include inclined disks whose arms still show); 70–80° is left out so 'spiral' and 'edge-on' stay distinct classes",
    diskThickness: "intrinsic axis ratio of a disk seen edge-on: b/a = √(cos² i + q₀² sin² i)",
    bulgeToTotal: "Sd (tiny bulge) to bulge-dominated Sa/S0a: Galaxy Zoo's spirals include bright bulges with faint arms",
    bulgeN: "pseudo-bulges (n ≈ 1.5–2) to classical bulges (n ≈ 4)",
    bulgeRadius: "bulges are a fraction of the disk scale length",
    arms: "grand-design spirals have 2 arms; many-armed spirals have 3–4 prominent ones",
    pitchAngle: "Sa (tightly wound, ≈ 10°) to Sc/Sd (open, ≈ 30–35°)",
    armFraction: "arms are a strong density wave in blue light; in nearby spirals they carry most of the disk's visible structure",
    flocculentProbability: "flocculent spirals (NGC 2841-like, many short arm pieces) are about as common as grand-design ones",
    flocculence: "how much of the arm light is broken up: from arms with gaps to a patchwork of short spiral pieces",
    flocculentSegments: "the number of pieces per turn, set by the pattern crossing the arms",
    armSharpness: "narrow (6) to broad (2) arms: the profile is ((1 + cos mφ) / 2)^sharpness",
    barProbability: "30–50% of disk galaxies show a bar in optical images (strong and weak bars)",
    barLength: "bars end inside the disk, near the start of the arms",
    barAxisRatio: "bars are thin, elongated structures",
    barFraction: "a bar holds a modest share of the light",
    ringProbability: "inner rings (at the bar's end) and outer rings are seen in a quarter of disk galaxies",
    ringRadius: "inner rings sit at the bar's end (≈ 1.2–2 h), outer rings at 2–3 h",
    ringWidth: "rings are narrow compared with the disk",
    ringStrength: "from faint pseudo-rings to rings as bright as the arms",
    knots: "star-forming knots along the arms, resolved in nearby spirals: from none (Sa) to arms strung with them (Sc)",
    knotFraction: "HII regions are bright but small; together they make the arms clumpy",
    knotSigma: "unresolved to slightly resolved (before the PSF)",
    diskGMinusR: "a mix of old and young stars",
    armGMinusR: "young, blue stars trace the arms",
    knotGMinusR: "HII regions are the bluest parts of a galaxy",
    bulgeGMinusR: "bulges are old and red like ellipticals",
  },
  edgeOn: {
    diskScaleLength: "0.8–2.6″: edge-on disks are long, so slightly larger than face-on ones in the same frame",
    surfaceBrightness: "seen edge-on, the same disk light piles up along the line of sight",
    inclination: "edge-on: the Galaxy Zoo 'edge-on' answer is given for roughly i > 80°",
    thickness: "thin disks (0.08) to thick/puffed-up ones (0.2)",
    bulgeToTotal: "bulgeless (superthin) to Sa-like edge-ons",
    bulgeAxisRatio: "bulges are puffier than the disk seen edge-on",
    dustProbability: "most edge-on spirals show a dust lane at this resolution",
    dustOpticalDepth: "the midplane lane absorbs more in g (τ × 1.35) than z (τ × 0.7): extinction ∝ 1/λ",
    dustWidth: "the dust layer is thinner than the stellar disk",
    gMinusR: "disk light reddened by its own dust",
  },
  irregular: {
    scaleLength: "irregulars are mostly small, low-mass galaxies",
    surfaceBrightness: "low surface brightness, with bright star-forming clumps",
    axisRatio: "the diffuse light is round to elongated (Magellanic irregulars are often bar-like)",
    clumps: "a few giant star-forming complexes to many small knots",
    clumpFraction: "from a diffuse body with a few knots to one dominated by clumps",
    clumpSigma: "complexes of a few hundred pc at z ≈ 0.02–0.05 (unresolved to resolved)",
    clumpScatter: "clumps are spread over the whole body",
    asymmetry: "the clumps' centre is offset from the diffuse light: no symmetry axis",
    gMinusR: "young stellar populations",
    clumpGMinusR: "star-forming clumps are bluer still",
  },
  merger: {
    thirdMemberProbability: "most mergers are pairs; some groups merge",
    memberRadius: "each member is a galaxy like the other classes', somewhat smaller so the group fits the frame",
    surfaceBrightness: "merging galaxies are bright; star formation is triggered",
    memberN: "disks and spheroids both merge",
    memberAxisRatio: "distorted members at any orientation",
    separation:
      "overlapping to halos just touching: close pairs that will merge, as in Galaxy Zoo's 'merging' answer; at least 6 px so the two nuclei are resolved",
    fluxRatio: "major mergers (1:1 to 1:4) produce the visible disturbances",
    tails: "tidal tails are flung out by prograde encounters (Toomre & Toomre 1972)",
    tailLength: "tails reach several galaxy radii",
    tailFraction: "tails are low surface brightness",
    tailCurvature: "tails curve as the material orbits",
    bridgeProbability: "a bridge of stars links the members in many interacting pairs",
    distortion: "the outer isophotes are offset from the nucleus (lopsided, disturbed shapes)",
    gMinusR:
      "merging disks and spheroids: mostly red (many of the mergers catalogued at low redshift are pairs of red galaxies), some blue",
    doubleNucleusProbability:
      "many of Galaxy Zoo's mergers are late stages: two nuclei inside one disturbed glow rather than two separate galaxies",
    nucleusSeparation: "nuclei a few kpc apart: resolved, inside the one glow",
    nucleusRadius: "the surviving nuclei are compact, bright cores",
    envelopeFraction: "the merged stars form a common envelope that holds much of the light",
    envelopeRadius: "the envelope spans well beyond both nuclei, and is lopsided",
    spiralMemberProbability:
      "many interacting pairs include a disk galaxy whose arms are being pulled out (e.g. M51, the Antennae before the merger)",
    spiralMemberSize: "the disk is a member of the pair, smaller than a lone spiral filling the frame",
  },
  lens: {
    seeing:
      "lens searches use good-seeing imaging (CFHTLS 0.6–0.9″, HSC ≈ 0.6″, DES ≈ 1″, Legacy Surveys 1–1.5″): in 2″ seeing galaxy-scale arcs blur into the lens",
    saturation:
      "lenses are found in colour pictures, where blue arcs stand out from red lenses; a grey picture hides what tells them apart",
    lensRadius: "r_e of luminous red galaxies at z ≈ 0.2–0.7: 0.65–3.1″ (the brightest group galaxies are the largest)",
    lensN: "lenses are massive ellipticals",
    lensAxisRatio: "massive ellipticals are round to moderately flattened",
    lensSurfaceBrightness: "LRGs of r ≈ 16.5–20, the targets of lens searches: in the real samples the lens outshines its arcs",
    lensGMinusR:
      "LRGs at z ≈ 0.1–0.7: the 4000 Å break moves into r; the low end also stands for the yellow-white look of lenses in gri pictures (CFHTLS, SDSS), where the reddest band is i, not z",
    lensRMinusZ: "LRG colours at those redshifts (down to those of nearby ellipticals)",
    einsteinRadius:
      "galaxy-scale lenses found in ground-based surveys (0.9–3.2″, more small than large): the smallest rings are partly hidden by the lens light and the PSF",
    resolvedEinsteinRadius:
      "lens searches find the lenses whose arcs the seeing resolves: arcs closer to the lens than about the PSF FWHM blur into its light, and no one grades them a lens",
    groupProbability: "about a quarter of the lenses found in wide surveys sit in groups, whose arcs are the widest and most obvious",
    groupEinsteinRadius: "group-scale lenses have arcs 2.5–6″ from the brightest galaxy (e.g. the SL2S groups in CFHTLS)",
    groupMembers: "other red members of the group near the arcs, each deflecting the light a little",
    memberEinsteinRadius: "a member galaxy's own θ_E, as for smaller ellipticals",
    memberDistance: "members inside and around the arcs, which bend around them",
    memberFluxRatio: "members are fainter than the brightest group galaxy",
    massAxisRatio: "the SIE's flattening, aligned with the light within ±10°",
    shear: "external shear from the lens's environment (larger in groups)",
    sourceOffset: "β near 0 gives rings, near the caustic crosses, arcs and doubles",
    sourceRadius: "compact star-forming galaxies at z ≈ 1–3: 0.15–0.65″",
    sourceAxisRatio: "sources are disks at random orientation",
    groupArcContrast:
      "group lenses magnify larger sources over wider critical curves: their arcs are bright and long beside the brightest group galaxy (SL2S)",
    arcContrast:
      "the lensed images together range from 1 mag brighter than the lens galaxy (bright rings and arcs around faint lenses) to 1.5 mag fainter (faint arcs beside bright LRGs, as in most real samples); fainter still, they vanish in its light and no one grades them a lens",
    faintestArcs:
      "arcs fainter than r ≈ 23 in all are lost in the noise at nominal depth: brightened to that (scaled with the noise in shallower or deeper images), so every lens shows its arcs",
    sourceGMinusR: "high-redshift star-forming galaxies are blue: the classic blue arcs",
    sourceRMinusZ: "flat-spectrum star-forming light",
    sourceClumps: "star-forming knots make arcs knotty",
  },
  nonLens: {
    companions: "blue neighbours near LRGs are the main false positives of lens searches",
    companionDistance:
      "1.8–7″: around typical Einstein radii; a compact blue blob closer in, with the lens light and the seeing, cannot be told from a lensed image",
    companionRadius: "like lensed sources before magnification",
    companionAxisRatio: "some companions are elongated, like arcs, but not curved around the lens",
    companionMag:
      "as bright as the fainter simulated arcs (typical real arcs are this faint; most simulated ones are brighter, see the card's limits)",
    companionGMinusR: "blue, like lensed sources",
    superposedProbability:
      "a blue galaxy in front of the red one, seen unlensed: rare (a background one that close would be lensed), and a single undistorted blob is hard to tell from a faint arc",
    spiralNeighbourProbability: "a blue spiral-armed neighbour: curved blue structure that is not an arc",
    ringProbability:
      "collisional and resonance ring galaxies (a blue ring around a red core) are the commonest look-alike of an Einstein ring; at ground-based resolution most cannot be told from one, so they are a few per cent of the negatives (more would teach the network that rings mean nothing)",
    ringRadius: "rings of 1–4″, the size of Einstein rings",
    ringWidth: "from thin rings to star-forming annuli a few tenths of an arcsecond wide",
    ringAxisRatio: "rings are circles in a disk, seen at an angle",
    ringContrast: "from a ring brighter than its small core to one much fainter than a big one",
    ringLopsidedness: "off-centre collisions make one side of a ring brighter, like an arc",
    ringKnots: "rings are lit by star-forming knots",
    ringGMinusR: "young stars: as blue as lensed sources",
    ringCoreGMinusR: "the ring galaxies taken for lenses have red cores like the lenses' own: the core's colour tells nothing",
    ringDiskFraction: "the disk between core and ring, from invisible to a clear glow",
    spiralProbability: "face-on spirals (blue arms around a yellow bulge) are flagged as lenses by volunteers and networks alike",
    spiralSize: "small spirals: the arms curve at the radii of Einstein rings",
    groupProbability: "groups of red galaxies without arcs: the lens's environment without the lensing",
    groupMembers: "a few red neighbours",
    groupDistance: "2–5″ away, where a group lens's arcs would be",
    streakProbability: "a thin blue edge-on disk beside a red galaxy: a straight 'arc'",
    streakDistance: "at the radii of wide arcs, beyond the lens's own light",
    streakRadius: "as long as an arc",
    streakAxisRatio: "thin disks seen edge-on",
    starFormingProbability: "a blue star-forming galaxy with knots (no red galaxy at all): blue clumps without lensing",
    mergerProbability: "interacting galaxies with tidal tails: curved streams that are not arcs",
  },
};

/** A Markdown table of a range table (one of SIMULATION_RANGES'): parameter, range, unit, why. */
export function rangesToMarkdown(table: Readonly<Record<string, ParamRange>>): string {
  const entry = Object.entries(SIMULATION_RANGES).find(([, t]) => t === table);
  if (!entry) throw new Error("rangesToMarkdown: not one of SIMULATION_RANGES' tables");
  const notes = RANGE_NOTES[entry[0] as keyof Notes] as Readonly<Record<string, string>>;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));
  const rows = Object.entries(table).map(([name, p]) => {
    const range = p.min === p.max ? fmt(p.min) : `${fmt(p.min)} – ${fmt(p.max)}${p.scale === "log" ? " (log-uniform)" : ""}`;
    return `| ${name} | ${range} | ${p.unit} | ${notes[name]} |`;
  });
  return ["| parameter | range | unit | why |", "|---|---|---|---|", ...rows].join("\n");
}
