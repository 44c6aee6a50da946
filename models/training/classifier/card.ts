// CARD.md, written by the training script from the run's real numbers.
import { LENS, NON_LENS, OBSERVING, SIMULATION_RANGES, rangesToMarkdown } from "../../../src/lib/astro/index.ts";
import type { ParamRange } from "../../../src/lib/astro/index.ts";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CLASSIFIER_PREPROCESSING as PREPROCESSING } from "../../../src/lib/zoo/index.ts";
import type { TrainResult } from "./result.ts";
import { sha256 } from "./realImages.ts";
import type { RealImageEvaluation } from "./realImages.ts";

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function confusionTable(classes: readonly string[], m: number[][]): string {
  const head = `| true ↓ / predicted → | ${classes.join(" | ")} | recall |`;
  const sep = `|---|${classes.map(() => "---:").join("|")}|---:|`;
  const rows = m.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return `| **${classes[t]}** | ${row.map((c, p) => (p === t ? `**${c}**` : String(c))).join(" | ")} | ${pct(row[t] / total)} |`;
  });
  const precision = classes.map((_, p) => {
    const col = m.reduce((s, row) => s + row[p], 0);
    return col > 0 ? pct(m[p][p] / col) : "–";
  });
  return [head, sep, ...rows, `| precision | ${precision.join(" | ")} | |`].join("\n");
}

/** The range tables that describe the data of a model with these classes. */
function rangeTables(classes: readonly string[]): [string, Readonly<Record<string, ParamRange>>][] {
  const t: [string, Readonly<Record<string, ParamRange>>][] = [["Observing conditions and surroundings (all classes)", OBSERVING]];
  if (classes.includes("lens")) {
    t.push(
      ["Lens systems (`lens`: a red galaxy, alone or with its group, + an SIE-lensed blue source)", LENS],
      [
        "Look-alikes (`non-lens`: red galaxies with unlensed blue companions, ring galaxies, face-on spirals, red groups, edge-on streaks, star-forming galaxies, mergers)",
        NON_LENS,
      ],
    );
  } else {
    const named: Record<string, [string, Readonly<Record<string, ParamRange>>]> = {
      elliptical: ["Ellipticals", SIMULATION_RANGES.elliptical],
      spiral: ["Spirals", SIMULATION_RANGES.spiral],
      "edge-on": ["Edge-on disks", SIMULATION_RANGES.edgeOn],
      irregular: ["Irregulars", SIMULATION_RANGES.irregular],
      merger: ["Mergers", SIMULATION_RANGES.merger],
    };
    for (const c of classes) if (named[c]) t.push(named[c]);
  }
  return t;
}

const LIMITS_COMMON = [
  "**Trained on simulations only.** Accuracy on real survey images is lower (measured in “On real images” when a labelled real set has been evaluated): real galaxies have features the simulator lacks (resolved star clusters, shells, lenticulars (S0), peculiar morphologies, AGN point sources, image artefacts, diffraction spikes, satellite trails, bad columns, blended deep-field sources).",
  "**Classes are cleanly separated by construction**: disks at inclinations 70–80°, ellipticals flatter than b/a = 0.5 and spirals too small for their arms to survive the seeing were never drawn, so the held-out accuracy overstates what is possible on real, ambiguous galaxies (where human classifiers disagree too).",
  "**Randomised survey looks, one set of bands**: g/r/z fluxes at 0.262″ pixels (morphology cutouts also binned 1.5–6×, as pictures of unknown scale are), a range of seeing and depth, and a randomised asinh stretch (gain, colour balance and tilt, softening, sky level, saturation down to grey, white level) with JPEG-like colour smoothing (OBSERVING below). This spans the look of SDSS, Legacy Surveys and KiDS colour pictures roughly, not a calibrated model of any; HST/JWST resolution and narrow-band colours are outside it.",
  "The galaxy is assumed to be near the centre of the cutout (within ~5 px, plus 3 px of augmentation shifts); it may fill the frame or be small (r_e ≈ 0.5–4″).",
  "Colours come from simple g − r / r − z draws per component, not stellar-population synthesis; no redshift evolution or K-corrections beyond the chosen colour ranges.",
];

const LIMITS_LENS = [
  "Lenses are SIE + shear lenses of a single exponential blue source (with knots) around a luminous red galaxy: galaxy-scale (θ_E = 0.9–3.2″, never below ~1.1× the seeing) or group-scale (2.5–5.5″, with 1–3 members that deflect too); cluster lenses, lensed quasars (point images), red sources, edge-on or spiral lenses and unresolved systems are absent.",
  "Non-lenses are deliberately hard (red galaxies with blue companions or a superposed unlensed blue galaxy, ring galaxies, face-on spirals, red groups without arcs, tangential edge-on disks, star-forming galaxies, mergers), but polar rings, shells, tidal arcs of the lens itself and spiral lenses are not simulated; a ring galaxy's ring is a smooth annulus with knots, not a real resonance ring.",
  "Simulated arcs are bright: all images together are typically about as bright as the lens galaxy (arcContrast), while most real arcs are 1–4 mag fainter than their lenses, and the unlensed blue companions of the non-lenses are fainter than most simulated arcs. Brightness alone separates the classes more often in the simulation than on the sky. A simulator with real-sample arc contrasts (kept visible above the lens light and the noise), a lens-search look and more blue look-alikes was tried and scored no better on real images (see models/README.md), so it was not adopted.",
  "Lenses are half of the data here; in a real survey perhaps 1 in 1000–10000 LRGs is a lens, so even a 99%-accurate finder returns mostly false positives: look at the precision at low false-positive rate, not the accuracy.",
];

const LIMITS_MORPH = [
  "Galaxy Zoo–style classes are a simplification: real morphology is a continuum (S0s, bulge-dominated spirals, weak bars, faint tidal features) and these five classes force a single answer.",
  "Mergers are close, overlapping pairs or groups with tails or bridges (some with a spiral member), or late stages with two nuclei in one envelope; wide pairs without tidal features are not mergers here, and minor mergers (> 1:4) are absent.",
];

export function writeCard(r: TrainResult): string {
  const s = r.spec;
  const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
  const lines: string[] = [];
  lines.push(`# Model card: ${s.name}`, "");
  lines.push(
    `${s.title}. A small convolutional network trained by the Deep Sky engine (pure TypeScript, \`src/lib\`) on simulated Legacy-Survey-like colour cutouts, exported to ONNX. *This card is written by \`models/cli/train.ts\` from the run's results; do not edit it by hand — retrain instead.*`,
    "",
  );
  lines.push("## Results on held-out simulated cutouts", "");
  const pass = r.accuracy >= s.targetAccuracy;
  lines.push(
    `- **Accuracy: ${pct(r.accuracy)}** on ${s.testImages} held-out cutouts (target ≥ ${pct(s.targetAccuracy)}: ${pass ? "met" : "**not met**"}).`,
  );
  if (r.views > 1) {
    lines.push(
      `- Every prediction averages the probabilities of the image's ${r.views} flips and quarter turns (test-time augmentation: the sky has no up, and the network is only approximately invariant). The site and \`npm run classify\` predict the same way. One view alone (the image as given): **${pct(r.singleViewAccuracy)}**.`,
    );
  }
  if (r.auc !== null) {
    lines.push(`- **ROC AUC: ${r.auc.toFixed(4)}** (P(lens) as the score).`);
    for (const p of r.rocPoints)
      lines.push(`- Threshold P(lens) ≥ ${p.threshold}: true-positive rate ${pct(p.tpr)}, false-positive rate ${pct(p.fpr)}.`);
  }
  lines.push("", "Confusion matrix (rows: true class, columns: predicted):", "", confusionTable(s.classes, r.confusion), "");
  if (r.mistakes.length > 0) {
    lines.push(
      "A few held-out mistakes (test image index → truth, prediction, its probability): " +
        r.mistakes
          .slice(0, 8)
          .map((m) => `#${m.index} ${m.truth} → ${m.predicted} (${m.probability.toFixed(2)})`)
          .join("; ") +
        ".",
      "",
    );
  }
  lines.push("## How it was trained", "");
  lines.push("```sh", r.command, "```", "");
  lines.push(
    `- Seed \`${s.seed}\`: training images from \`Rng(seed).fork("train").fork(i)\`, held-out images from \`fork("test")\`, weights from \`"${s.seed}/init"\`, shuffling, augmentation and dropout from their own forks. Same seed, same code → same data and the same weights (floating-point summation order is fixed${r.threads > 1 ? `; ${r.threads} threads computed each batch's gradient in shards summed in a fixed order, so the same thread count is needed too` : "; the run used one thread"}).`,
  );
  lines.push(
    `- Data: ${s.trainImages} training and ${s.testImages} held-out cutouts, classes in turn (balanced), stored as 8-bit images like survey JPEGs. Simulated in ${r.dataSeconds.toFixed(0)} s.`,
  );
  const a = s.augment;
  lines.push(
    `- Augmentation (training only): ${a.flipsAndRotations ? "random flips and 90° rotations; " : ""}${a.maxZoom && a.maxZoom > 1 ? `zoom about the centre by 1/${a.maxZoom}–${a.maxZoom}× (framing errors); ` : ""}shifts up to ±${a.maxShift} px; extra Gaussian blur σ ≤ ${a.maxBlurSigma} px with probability ${a.blurProbability} (seeing); stretch v → gain·v^γ with γ within ±${a.gammaJitter} and gain within ±${a.gainJitter}; pixel noise σ ≤ ${a.maxNoise}.`,
  );
  lines.push(
    `- Optimiser: Adam, batch ${s.batchSize}, learning rate ${s.learningRate} on a cosine down to ${s.finalLearningRate}; softmax cross-entropy on logits; dropout 0.3 before the last layer.`,
  );
  const cut = r.stoppedByTime
    ? ` (the ${s.maxMinutes}-minute wall-clock budget ended training after epoch ${r.epochsRun}; the learning-rate schedule was planned for ${s.epochs}). To reproduce these exact weights on any machine: \`${r.command} --stop-after ${r.epochsRun}\``
    : "";
  lines.push(`- Epochs: ${r.epochsRun} of ${s.epochs} planned${cut}.`);
  lines.push(
    `- Training time: ${(r.trainSeconds / 60).toFixed(1)} min wall clock (${(r.cpuSeconds / 60).toFixed(1)} min CPU for the whole run incl. simulation and evaluation) on a shared 2-core machine, Node ${process.version}.`,
    "",
  );
  lines.push(
    `| epoch | loss | train accuracy (augmented) | held-out accuracy (first images${r.views > 1 ? ", one view" : ""}) | learning rate | minutes |`,
    "|---:|---:|---:|---:|---:|---:|",
  );
  for (const h of r.history)
    lines.push(
      `| ${h.epoch} | ${h.loss.toFixed(4)} | ${pct(h.trainAccuracy)} | ${pct(h.testAccuracy)} | ${h.learningRate.toExponential(2)} | ${(h.seconds / 60).toFixed(1)} |`,
    );
  lines.push("", "## Architecture", "");
  lines.push(
    `${r.parameters.toLocaleString("en-US")} parameters. Input NCHW [N, 3, 64, 64]; the exported \`model.onnx\` ends in a softmax (output \`probabilities\`, [N, ${s.classes.length}], classes in the order ${s.classes.map((c) => `\`${c}\``).join(", ")}, also in the file's \`class_labels\` metadata).${s.exportBackbone ? " `backbone.onnx` is the same network up to the 64-unit ReLU layer (output `embedding`, [N, 64]) for transfer learning." : ""}`,
    "",
  );
  lines.push("```", r.summary, "```", "");
  lines.push("## Input", "");
  lines.push(`- ${PREPROCESSING.input}, values in [0, 1]; channels ${PREPROCESSING.channels.join(", ")}.`);
  lines.push(`- Stretch: ${PREPROCESSING.stretch}.`);
  lines.push(`- Pixel scale ${PREPROCESSING.pixelScaleArcsec}″ (a cutout is ${(64 * PREPROCESSING.pixelScaleArcsec).toFixed(1)}″ across).`);
  lines.push(`- Use ${PREPROCESSING.function}: the same function runs in the browser, the CLI and the tests.`, "");
  lines.push("## Data: the simulator's parameter ranges", "");
  lines.push(
    "Cutouts come from `src/lib/astro/simulate.ts`: each component is drawn in calibrated flux (nanomaggies) per band, convolved with a double-Gaussian (Moffat-like) PSF, given Poisson + read noise, and stretched to RGB. Ranges (from `src/lib/astro/ranges.ts`, the code's own tables):",
    "",
  );
  for (const [title, table] of rangeTables(s.classes)) lines.push(`### ${title}`, "", rangesToMarkdown(table), "");
  lines.push("## Files", "");
  for (const [name, size] of Object.entries(r.files)) lines.push(`- \`${name}\`: ${bytes(size)}`);
  lines.push("- `CARD.md`: this card.", "", "## Known limits", "");
  for (const l of [...LIMITS_COMMON, ...(s.classes.includes("lens") ? LIMITS_LENS : LIMITS_MORPH)]) lines.push(`- ${l}`);
  lines.push("");
  return lines.join("\n");
}

const RECALL_OR_DASH = (v: number) => (Number.isNaN(v) ? "–" : pct(v));

/**
 * The card's "On real images" section, written from a saved evaluation (real-images.json) — never
 * typed by hand. `simulated` is the held-out accuracy on simulated cutouts, for the comparison.
 */
export function realImagesSection(e: RealImageEvaluation, simulated: number): string {
  const lines: string[] = [REAL_IMAGES_HEADING, ""];
  lines.push(
    `Measured by \`npm run models:evaluate -- ${e.model} <folder>${e.preparation ? ` ${e.preparation}` : ""}\` on ${e.count} real survey images of the labelled set “${e.set}”${e.views > 1 ? ` (each prediction averages ${e.views} flips and turns, as everywhere)` : ""}; ${preparationText(e.preparation)}. Source: ${e.source}. These images are for evaluation only: never trained on, never used to pick settings image by image, and not shipped with the project. *Generated from \`real-images.json\`; do not edit by hand.*`,
    "",
  );
  lines.push(
    `- **Balanced accuracy: ${pct(e.balancedAccuracy)}** (the mean of the per-class recalls; plain accuracy ${pct(e.accuracy)}), against ${pct(simulated)} on held-out simulated cutouts.`,
  );
  lines.push(
    `- Recall per class: ${e.classes.map((c, i) => `${c} ${RECALL_OR_DASH(e.recall[i])} (${e.confusion[i][i]}/${e.confusion[i].reduce((a, b) => a + b, 0)})`).join(", ")}.`,
  );
  if (e.auc !== null && e.atHalf && e.atFpr20) {
    const positive = e.classes[1];
    lines.push(`- **ROC AUC: ${e.auc.toFixed(3)}** (P(${positive}) as the score).`);
    lines.push(`- At P(${positive}) ≥ 0.5: true-positive rate ${pct(e.atHalf.tpr)}, false-positive rate ${pct(e.atHalf.fpr)}.`);
    lines.push(
      `- Best recall at a false-positive rate ≤ 20%: ${pct(e.atFpr20.tpr)} (threshold ${e.atFpr20.threshold.toFixed(3)}, false-positive rate ${pct(e.atFpr20.fpr)}).`,
    );
  }
  if (e.withoutColour) {
    const { balancedAccuracy, auc } = e.withoutColour;
    // Below 0.5 the ranking is reversed: the shapes learned in simulation point the wrong way.
    const reversed =
      auc !== null && auc < 0.5
        ? `; an AUC below 0.5 means that, in grey, the network gives the real ${e.classes[0]} images higher P(${e.classes[1]}) than the ${e.classes[1]} images: what it takes from shape alone points the wrong way on these images, and colour carries its result`
        : "";
    lines.push(
      `- **Without colour: balanced accuracy ${pct(balancedAccuracy)}${auc === null ? "" : `, ROC AUC ${auc.toFixed(3)}`}** — the same pictures made grey (each pixel the mean of its R, G and B) before the network sees them, to show how much of its answer rests on colour rather than shape (a probe: it never saw a grey picture in training)${reversed}.`,
    );
  }
  if (e.skipped.length > 0) lines.push(`- ${e.skipped.length} file(s) could not be read and are not counted.`);
  lines.push("", "Confusion matrix (rows: true class, columns: predicted):", "", confusionTable(e.classes, e.confusion), "");
  if (e.mistakes.length > 0) {
    lines.push(
      "The most confident mistakes: " +
        e.mistakes
          .slice(0, 6)
          .map((m) => `\`${m.file}\` ${m.truth} → ${m.predicted} (${m.probability.toFixed(2)})`)
          .join("; ") +
        ".",
      "",
    );
  }
  return lines.join("\n");
}

export const REAL_IMAGES_HEADING = "## On real images";

/** The preparation options of a saved evaluation in words (they are scaleOptions' command-line flags). */
function preparationText(flags: string): string {
  if (flags === "") return "pictures of unknown scale auto-framed around their central source, as the site and `classify` do by default";
  if (flags === "--frame centre") return "each picture's centred square, without auto-framing";
  return `pictures resampled to the network's 0.262″ pixels and 16.8″ field from the given scale (\`${flags}\`)`;
}

/**
 * `card` with its "On real images" section replaced by `section` (or removed, for null); a card
 * without one gets it before "## How it was trained".
 */
export function withRealImagesSection(card: string, section: string | null): string {
  const start = card.indexOf(`\n${REAL_IMAGES_HEADING}\n`);
  let rest = card;
  if (start >= 0) {
    const end = card.indexOf("\n## ", start + 1);
    rest = card.slice(0, start + 1) + (end >= 0 ? card.slice(end + 1) : "");
  }
  if (section === null) return rest;
  const at = rest.indexOf("\n## How it was trained\n");
  if (at < 0) return `${rest.trimEnd()}\n\n${section.trimEnd()}\n`;
  return `${rest.slice(0, at + 1)}${section.trimEnd()}\n\n${rest.slice(at + 1)}`;
}

/**
 * The saved real-image evaluation of the model in `dir`, if there is one for the model.onnx that is
 * there now (a retrained model makes the old figures stale: they are then left out of the card).
 */
export function savedRealImages(dir: string): RealImageEvaluation | null {
  const json = join(dir, "real-images.json");
  const onnx = join(dir, "model.onnx");
  if (!existsSync(json) || !existsSync(onnx)) return null;
  const e = JSON.parse(readFileSync(json, "utf8"), (_, v) => (v === null ? Number.NaN : v)) as RealImageEvaluation;
  return e.onnxSha256 === sha256(new Uint8Array(readFileSync(onnx))) ? e : null;
}
