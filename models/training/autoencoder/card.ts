// CARD.md of the galaxy autoencoder, written by its pipeline from the run's real numbers.
import { OBSERVING, SIMULATION_RANGES, rangesToMarkdown } from "../../../src/lib/astro/index.ts";
import { CLASSIFIER_PREPROCESSING as PREPROCESSING, SEMANTIC_SIZE, SEMANTIC_UNITS } from "../../../src/lib/zoo/index.ts";
import { psnr } from "../../../src/lib/nn/index.ts";
import type { AutoencoderResult } from "./result.ts";

const sci = (v: number) => v.toExponential(2);
const fix = (v: number, d = 2) => v.toFixed(d);

export function writeAutoencoderCard(r: AutoencoderResult): string {
  const s = r.spec;
  const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
  const free = s.latent - SEMANTIC_SIZE;
  const L: string[] = [];
  L.push(`# Model card: ${s.name}`, "");
  L.push(
    `A small convolutional autoencoder for galaxy cutouts, trained by the Deep Sky engine (pure TypeScript, \`src/lib\`) on simulated Legacy-Survey-like colour cutouts and exported to ONNX as two files: the **encoder** f (image → ${s.latent} numbers) and the **decoder** g (${s.latent} numbers → image). The first ${SEMANTIC_SIZE} latent units are *semantic*: a supervised loss ties them to the simulator's structural parameters of the main galaxy (Sérsic index, axis ratio, half-light radius, position angle as cos 2θ and sin 2θ), in the spirit of the semantic autoencoder of Aragon-Calvo & Carvajal (2020); the other ${free} units are free and learn whatever else the reconstruction needs. *This card is written by \`models/training/autoencoder/pipeline.ts\` from the run's results; do not edit it by hand — retrain instead.*`,
    "",
  );
  L.push("## Results on held-out simulated cutouts", "");
  L.push(
    `- **Reconstruction error: MSE ${sci(r.mse)} per pixel value, PSNR ${fix(r.psnr)} dB** (peak 1) on ${s.testImages} held-out cutouts, image → encoder → decoder. For scale: answering the mean held-out image for every galaxy scores MSE ${sci(r.meanImageMse)} (PSNR ${fix(10 * Math.log10(1 / r.meanImageMse))} dB).`,
  );
  L.push(
    `- **Noise floor: ${sci(r.noiseVariance)}** (PSNR ${fix(psnr(r.noiseVariance))} dB), the variance of the pixel noise in the held-out images, estimated from neighbouring sky pixels in the corners. The error is measured against the *noisy* input, and no ${s.latent}-number code can store the noise, so even a perfect, noise-free reconstruction of the galaxy would score about this much: most of the remaining error is noise the decoder rightly leaves out.`,
  );
  L.push(`- Compression: 3 × 64 × 64 = 12 288 values → ${s.latent} latent units, a ratio of ${fix(12288 / s.latent, 0)} : 1.`);
  const ood = r.outOfDistribution;
  L.push(
    `- **Anomaly detection:** 99% of the held-out galaxies reconstruct with MSE ≤ ${sci(r.anomalyThreshold)}. Of ${ood.count} simulated strong lenses (a kind of object never seen in training: a red galaxy with blue arcs), ${ood.flagged} (${fix((100 * ood.flagged) / ood.count, 0)}%) exceed that threshold; their median MSE is ${sci(ood.medianMse)}. The arcs are small and faint next to the pixel noise, so a 16-number galaxy autoencoder flags only the most obvious lenses: reconstruction error finds the *very* unusual, not the subtly unusual.`,
    "",
  );
  L.push("| class | MSE per pixel | PSNR (dB) |", "|---|---:|---:|");
  for (const c of r.perClass) L.push(`| ${c.name} | ${sci(c.mse)} | ${fix(c.psnr)} |`);
  L.push(
    "",
    "Most of what is lost is pixel noise (which no 16-number code can store, and which the decoder averages away) and small detail: spiral arms, HII knots, irregular clumps, tidal tails and faint neighbours come back blurred or not at all.",
    "",
  );
  L.push("### Structural parameters estimated by the semantic units (held-out)", "");
  L.push(
    "| parameter | galaxies | RMS error | median absolute error | spread of the truth (RMS about the mean) |",
    "|---|---:|---:|---:|---:|",
  );
  for (const p of r.params)
    L.push(
      `| ${p.name} | ${p.count} | ${fix(p.rms, 3)}${p.unit ? ` ${p.unit}` : ""} | ${fix(p.medianAbs, 3)}${p.unit ? ` ${p.unit}` : ""} | ${fix(p.truthStd, 3)}${p.unit ? ` ${p.unit}` : ""} |`,
    );
  L.push(
    "",
    "An error well below the truth's spread means the encoder has learnt the parameter; near the spread, it has not. The angle's reference is a uniformly random guess (52° RMS). The Sérsic index of disks, edge-ons and irregulars is 1 by construction, so much of n's spread is the class; mergers report their brightest member.",
    "",
  );
  L.push("### Drawing from the parameters (the sliders)", "");
  L.push(
    `The decoder drew each held-out galaxy from its true parameters alone (semantic units set, the ${free} free units at zero, as the lesson's sliders do) and the encoder read the drawing back. Small errors mean the decoder follows that parameter; errors near the spread mean it largely ignores it.`,
    "",
  );
  L.push("| parameter | galaxies | RMS error | median absolute error | spread of the truth |", "|---|---:|---:|---:|---:|");
  for (const p of r.cycle)
    L.push(
      `| ${p.name} | ${p.count} | ${fix(p.rms, 3)}${p.unit ? ` ${p.unit}` : ""} | ${fix(p.medianAbs, 3)}${p.unit ? ` ${p.unit}` : ""} | ${fix(p.truthStd, 3)}${p.unit ? ` ${p.unit}` : ""} |`,
    );
  L.push(
    "",
    "The drawings are smooth and noise-free, unlike the noisy images the encoder was trained on, so part of this error is the encoder's, not the decoder's.",
    "",
  );
  L.push("### Bottleneck size (plain autoencoders, shorter runs)", "");
  if (r.sweep.length === 0) L.push("Not run (`--no-sweep`).", "");
  else {
    const p0 = r.sweep[0];
    L.push(
      `Each row is a separate plain autoencoder (no semantic loss) with the same networks and only the latent size changed, trained for ${p0.epochs} epochs on ${p0.trainImages} images — shorter than the main model, so compare the rows with each other, not with the numbers above.`,
      "",
    );
    L.push("| latent units | compression ratio | held-out MSE per pixel | PSNR (dB) | training seconds |", "|---:|---:|---:|---:|---:|");
    for (const p of r.sweep)
      L.push(`| ${p.latent} | ${fix(p.compressionRatio, 0)} : 1 | ${sci(p.mse)} | ${fix(p.psnr)} | ${fix(p.seconds, 0)} |`);
    const better = r.sweep.filter((p) => p.mse < r.mse);
    if (better.length > 0)
      L.push(
        "",
        `Note that ${better.map((p) => `the ${p.latent}-unit`).join(" and ")} plain autoencoder${better.length > 1 ? "s" : ""}, trained for less time, reconstruct${better.length > 1 ? "" : "s"} better than the main model (MSE ${sci(r.mse)}): the semantic loss, the teacher forcing and the free-unit dropout spend part of the main model's code and training on being interpretable and on drawing from parameters alone, at a cost in reconstruction.`,
      );
    L.push("");
  }
  L.push(
    `The same question asked of the main model: its held-out codes cut to their first k principal components (the other directions set to their mean) and decoded. This measures how much each further dimension of a well-trained ${s.latent}-unit code carries; it is not a model trained with a k-unit bottleneck.`,
    "",
  );
  L.push("| principal components kept | held-out MSE per pixel | PSNR (dB) |", "|---:|---:|---:|");
  for (const p of r.truncation) L.push(`| ${p.latent} | ${sci(p.mse)} | ${fix(p.psnr)} |`);
  L.push("");
  L.push("## How it was trained", "");
  L.push("```sh", r.command, "```", "");
  L.push(
    `- Seed \`${s.seed}\`: training images from \`Rng(seed).fork("train").fork(i)\`, held-out images from \`fork("test")\` (the same generator as the classifiers, other seed), weights from \`"${s.seed}/init/main"\` (\`…/sweep-k\` for the bottleneck study), shuffling and teacher forcing from their own forks. Same seed, same code → same data and the same weights.`,
  );
  L.push(
    `- Data: ${s.trainImages} training and ${s.testImages} held-out cutouts of the five morphology classes (${s.classes.join(", ")}) in turn, stored as 8-bit images. Simulated in ${fix(r.dataSeconds, 0)} s. No augmentation (a flip would change the position angle the semantic units must report).`,
  );
  L.push(
    `- Loss per batch: MSE(g(f(x)), x) + ${s.semanticWeight} · mean(w ⊙ (z_sem − t)²), where t are the normalised structural parameters and w = 1 except for the two angle units, whose weight falls from 1 at b/a ≤ 0.8 to 0 for round galaxies (whose angle means nothing).`,
  );
  L.push(
    `- Teacher forcing: in a fraction ${s.teacherForcing} of the batches the decoder receives the *true* normalised parameters in the semantic units instead of the encoder's estimate, so that it learns to draw a galaxy from slider values; and in a fraction ${s.freeDropout} of the batches (independently) it receives zeros in place of the ${free} free units, so that it must draw the galaxy from the five parameters alone and cannot leave them unused.`,
  );
  L.push(
    `- Optimiser: Adam, batch ${s.batchSize}, learning rate ${s.learningRate} on a cosine down to ${s.finalLearningRate}, ${s.epochs} epochs.`,
  );
  L.push(
    `- Training time: ${fix(r.trainSeconds / 60, 1)} min for the main model and ${fix(r.sweepSeconds / 60, 1)} min for the bottleneck study, wall clock (${fix(r.cpuSeconds / 60, 1)} min CPU for the whole run incl. simulation and evaluation) on a shared 2-core machine, Node ${process.version}.`,
    "",
  );
  L.push(
    "| epoch | train MSE | semantic loss | held-out MSE (first images) | learning rate | minutes |",
    "|---:|---:|---:|---:|---:|---:|",
  );
  for (const h of r.history)
    L.push(
      `| ${h.epoch} | ${sci(h.reconstruction)} | ${fix(h.semantic, 4)} | ${sci(h.heldOutMse)} | ${h.learningRate.toExponential(2)} | ${fix(h.seconds / 60, 1)} |`,
    );
  L.push("", "## Architecture", "");
  L.push(
    `${(r.encoderParameters + r.decoderParameters).toLocaleString("en-US")} parameters: encoder ${r.encoderParameters.toLocaleString("en-US")}, decoder ${r.decoderParameters.toLocaleString("en-US")}. Built by \`buildEncoder\` / \`buildDecoder\` in \`src/lib/zoo/autoencoder.ts\`. The engine has no transposed convolution, so the decoder upsamples (nearest neighbour, ×2) and then convolves.`,
    "",
  );
  L.push("- `encoder.onnx`: input `image` float32 [N, 3, 64, 64] in [0, 1] → output `latent` float32 [N, " + s.latent + "].");
  L.push("- `decoder.onnx`: input `latent` float32 [N, " + s.latent + "] → output `image` float32 [N, 3, 64, 64] in [0, 1] (sigmoid).", "");
  L.push("Latent layout (units in order; `semanticTargets` / `semanticParams` convert):", "");
  SEMANTIC_UNITS.forEach((u, i) => L.push(`${i + 1}. ${u.label}`));
  L.push(`${SEMANTIC_SIZE + 1}–${s.latent}. free units`, "");
  L.push("```", r.encoderSummary, "```", "", "```", r.decoderSummary, "```", "");
  L.push("## Input", "");
  L.push(`- ${PREPROCESSING.input}, values in [0, 1]; channels ${PREPROCESSING.channels.join(", ")}; stretch: ${PREPROCESSING.stretch}.`);
  L.push(`- Use ${PREPROCESSING.function}.`, "");
  L.push("## Data: the simulator's parameter ranges", "");
  L.push("The same simulator and ranges as the galaxy-morphology classifier (`src/lib/astro/ranges.ts`):", "");
  L.push("### Observing conditions and surroundings", "", rangesToMarkdown(OBSERVING), "");
  for (const [title, table] of [
    ["Ellipticals", SIMULATION_RANGES.elliptical],
    ["Spirals", SIMULATION_RANGES.spiral],
    ["Edge-on disks", SIMULATION_RANGES.edgeOn],
    ["Irregulars", SIMULATION_RANGES.irregular],
    ["Mergers", SIMULATION_RANGES.merger],
  ] as const) {
    L.push(`### ${title}`, "", rangesToMarkdown(table), "");
  }
  L.push("## Files", "");
  for (const [name, size] of Object.entries(r.files)) L.push(`- \`${name}\`: ${bytes(size)}`);
  L.push("- `CARD.md`: this card.", "", "## Known limits", "");
  for (const l of [
    "**Trained on simulations only.** Reconstruction error and parameter estimates on real survey images are unmeasured and will be worse: real galaxies have structure the simulator lacks, and an autoencoder reconstructs only what resembles its training set (which is exactly why a large reconstruction error can flag an unusual object — but here only relative to these simulations).",
    "**Blurry by design.** A 16-number code cannot hold pixel noise or fine structure; reconstructions are smooth versions of the galaxy. Arms, clumps, dust lanes, tails and faint neighbours are lost first.",
    "**Semantic units are supervised, not discovered.** We know the true parameters because we simulated the images, and we train the units to report them. Aragon-Calvo & Carvajal (2020) instead used a physical model as the decoder so the encoder learns the parameters without labels; ours is a learned decoder tied to the parameters by a loss, a simpler cousin of that idea.",
    "Parameters describe the main galaxy only (the brightest member of a merger; n = 1 and r_e = 1.68 h for disks); the decoder draws the rest of the scene (neighbours, stars) from the free units, or not at all.",
    "Slider values far outside the training ranges (e.g. an elliptical with b/a = 0.2, or r_e = 18 px for an irregular) ask the decoder for images it never saw; it answers something smooth and plausible-looking, which is not evidence that such a galaxy would look like that.",
    "The bottleneck study trains each size for a few epochs on fewer images than the main model, so its models are less converged; compare its rows with each other. With short training every size first learns the same blurry blob, so the differences between sizes are smaller than fully trained models would show.",
    `One survey look (0.262″ pixels, g/r/z, Legacy Survey asinh stretch, ${OBSERVING.psfFwhm.min}–${OBSERVING.psfFwhm.max}″ seeing), the galaxy near the centre.`,
  ])
    L.push(`- ${l}`);
  L.push("");
  return L.join("\n");
}
