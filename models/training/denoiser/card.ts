// CARD.md of the galaxy denoiser, written by its pipeline from the run's real numbers.
import { denoiserPreprocessing } from "../../../src/lib/zoo/index.ts";
import type { DenoiserResult } from "./result.ts";

const LIMITS = [
  "**Trained on simulations only**, and on the simulator's noisy cutouts: its “clean” x₀ already contains the survey's own pixel noise, so the network learns to remove the *added* Gaussian noise, not to improve on a real survey image. Using it as a general-purpose astronomical denoiser would be wrong.",
  "**Small and short-trained**: a three-level U-Net of a few ten thousand parameters trained for minutes on a CPU, at 32 × 32 pixels (2 × 2-binned 64 × 64 cutouts, 0.524″ pixels). Research diffusion models have 10⁷–10⁹ parameters and train for days on GPUs.",
  "**One-step estimates are blurry**: x̂₀ = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t is the network's guess of the *mean* clean image given x_t, so at moderate t it is a blurry galaxy (an average over the galaxies that could have made x_t). At large t the division by √ᾱ_t multiplies every pixel error of ε̂ by √(1 − ᾱ_t)/√ᾱ_t (0.42 at t = 250, 3.1 at 800, 12.8 at 950 on the cosine schedule), so the estimate is coloured speckle, not a galaxy. Both are why sampling takes many small steps.",
  "**Generation from pure noise is poor** (see the table above): a few DDIM steps with this network give the colours and compact sources of the data in a bright haze — not a galaxy on black sky, nothing like a spiral, an edge-on disk or a merger. Denoising a given noisy galaxy is a much easier task than inventing one, and a network this small has learned the former far better. The lesson says so next to the samples, and its widget measures every generation the same way as the table.",
  "The time step enters only as a constant input plane t/T (pooled to every level), not a learned embedding: simple and exportable, but weaker than the sinusoidal embeddings added to every block in real DDPMs.",
  "Gaussian noise of known variance is the only corruption it knows; real image artefacts (cosmic rays, satellite trails, saturated stars, correlated noise from resampling, Poisson noise whose variance follows the flux) are out of distribution.",
];

const fixed = (v: number, d = 4) => v.toFixed(d);

export function writeDenoiserCard(r: DenoiserResult): string {
  const s = r.spec;
  const p = denoiserPreprocessing(s);
  const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
  const lines: string[] = [];
  lines.push(`# Model card: ${s.name}`, "");
  lines.push(
    `${s.title}. A small convolutional U-Net trained by the Deep Sky engine (pure TypeScript, \`src/lib\`) on simulated Legacy-Survey-like galaxy cutouts, exported to ONNX. *This card is written by \`models/training/denoiser/pipeline.ts\` from the run's results; do not edit it by hand — retrain instead.*`,
    "",
  );
  lines.push("## What it does", "");
  lines.push(
    `Given a noisy image x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε and the step t, it predicts the noise ε. From that prediction follow a one-step clean estimate x̂₀ = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t and every reverse step of a diffusion sampler (\`src/lib/diffusion/reverse.ts\`). Schedule: ${s.schedule.kind} (Nichol & Dhariwal 2021), T = ${s.schedule.T}.`,
    "",
  );
  lines.push("## Results on held-out simulated galaxies", "");
  lines.push(
    `${s.testImages} held-out galaxies (classes in turn), each noised at step t with a fixed ε. Errors are in display units (pixel values in [0, 1]); PSNR = 10 log₁₀(1/MSE). “Noisy” is the rescaled noisy image x_t/√ᾱ_t clipped to the data range — what you have without a network; “denoised” is the network's one-step x̂₀ (clipped).`,
    "",
  );
  lines.push(
    "| t | ᾱ_t | SNR ᾱ/(1 − ᾱ) | ε-MSE (loss) | noisy MSE | noisy PSNR | denoised MSE | denoised PSNR | gain |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const e of r.evaluation) {
    lines.push(
      `| ${e.t} | ${fixed(e.alphaBar)} | ${e.snr < 0.01 ? e.snr.toExponential(2) : e.snr.toFixed(3)} | ${fixed(e.epsMse)} | ${fixed(e.noisyMse)} | ${e.noisyPsnr.toFixed(1)} dB | ${fixed(e.denoisedMse)} | ${e.denoisedPsnr.toFixed(1)} dB | ${(e.denoisedPsnr - e.noisyPsnr).toFixed(1)} dB |`,
    );
  }
  lines.push("");
  lines.push(
    "A gain in PSNR means the network's estimate is closer to the clean galaxy than the noisy image is. At small t there is little noise to remove, so the gain is small; at large t the estimate is a smooth, blurry average (see the limits) that still beats the noise-dominated image. PSNR is one number over mostly dark sky: look at the images in the lesson too.",
    "",
  );
  const g = r.generation;
  lines.push("### Generation from pure noise", "");
  lines.push(
    `${g.images} images generated with ${g.ddimSteps} deterministic DDIM steps (x̂₀ clipped to [−1, 1]) against the held-out galaxies. These two numbers cannot tell a good galaxy from a bad one, but they show what is wrong:`,
    "",
  );
  lines.push("| | mean pixel value (0–1) | pixel-scale roughness |", "|---|---:|---:|");
  lines.push(
    `| held-out galaxies | ${fixed(g.realMean, 3)} | ${fixed(g.realRoughness)} |`,
    `| generated | ${fixed(g.generatedMean, 3)} | ${fixed(g.generatedRoughness)} |`,
    "",
  );
  lines.push(
    `Roughness is the mean squared difference of neighbouring pixels. Generated images ${g.generatedRoughness > 2 * g.realRoughness ? `are ${(g.generatedRoughness / g.realRoughness).toFixed(0)}× rougher than real ones (leftover pixel-scale colour noise)` : "are about as smooth as real ones"}${g.generatedMean > g.realMean + 0.05 ? ` and brighter on average (${fixed(g.generatedMean, 2)} vs ${fixed(g.realMean, 2)}: too little dark sky)` : ""}. This model denoises far better than it generates.`,
    "",
  );
  lines.push("## How it was trained", "");
  lines.push("```sh", r.command, "```", "");
  lines.push(
    `- Seed \`${s.seed}\`: training galaxies from \`Rng(seed).fork("train").fork(i)\`, held-out galaxies from \`fork("test")\`, weights from \`"${s.seed}/init"\`, batches and noise from their own forks. Same seed, same code → same data and the same weights.`,
  );
  lines.push(
    `- Data: ${s.trainImages} training and ${s.testImages} held-out simulated galaxies (${s.classes.join(", ")}, in turn), simulated in ${r.dataSeconds.toFixed(0)} s. ${p.data}.`,
  );
  lines.push(
    `- Every step draws a fresh batch of ${s.batchSize}: galaxies at random under one of the 8 flips/rotations, t uniform in 1 … ${s.schedule.T}, fresh ε ~ N(0, I); loss ‖ε − ε_θ(x_t, t)‖² averaged over the values (Ho et al. 2020's simplified objective).`,
  );
  lines.push(`- Optimiser: Adam, learning rate ${s.learningRate} on a cosine down to ${s.finalLearningRate} over ${s.steps} steps.`);
  const cut = r.stoppedByTime
    ? ` (the ${s.maxMinutes}-minute wall-clock budget ended training early, with the learning rate at ${r.history[r.history.length - 1].learningRate.toExponential(2)} instead of ${s.finalLearningRate}; to reproduce these exact weights on any machine: \`${r.command} --stop-after ${r.stepsRun}\`)`
    : s.stopAfterSteps !== undefined && r.stepsRun < s.steps
      ? ` (stopped after ${r.stepsRun} by \`--stop-after\`, on the learning-rate plan of ${s.steps} steps)`
      : "";
  lines.push(
    `- Steps: ${r.stepsRun} of ${s.steps} planned${cut} — ${((r.stepsRun * s.batchSize) / s.trainImages).toFixed(1)} passes over the training galaxies.`,
  );
  lines.push(
    `- Training time: ${(r.trainSeconds / 60).toFixed(1)} min wall clock (${(r.cpuSeconds / 60).toFixed(1)} min CPU for the whole run incl. simulation and evaluation) on a shared 2-core machine, Node ${process.version}.`,
    "",
  );
  lines.push("| step | loss (mean since previous row) | learning rate | minutes |", "|---:|---:|---:|---:|");
  const shownRows = r.history.filter((_, i) => i % 4 === 3 || i === r.history.length - 1);
  for (const h of shownRows)
    lines.push(`| ${h.step} | ${fixed(h.loss)} | ${h.learningRate.toExponential(2)} | ${(h.seconds / 60).toFixed(1)} |`);
  lines.push("", "## Architecture", "");
  lines.push(
    `${r.parameters.toLocaleString("en-US")} parameters. A U-Net (Ronneberger et al. 2015) of 3 × 3 ReLU convolutions (\`src/lib/zoo/denoiserNetwork.ts\`): ${s.widths[0]} filters at ${s.size} × ${s.size}, ${s.widths[1]} at ${s.size / 2} × ${s.size / 2}, ${s.widths[2]} at ${s.size / 4} × ${s.size / 4}; 2 × 2 average pooling down, nearest-neighbour upsampling and skip connections (concatenation) up; the pooled input (image and t plane) joins each lower level. The last convolution is linear (ε can be negative).`,
    "",
  );
  lines.push("```", r.summary, "```", "");
  lines.push("## Input and output", "");
  lines.push(`- Input \`input\`: ${p.input}.`);
  lines.push(`- Output \`${"epsilon"}\`: ${p.output.replace(/^epsilon: /, "")}.`);
  lines.push(`- Data space: ${p.data}.`);
  lines.push(`- Schedule: ${p.schedule}.`);
  lines.push(`- Code: ${p.function} — the same functions build the input in the browser, the pipeline and the tests.`, "");
  lines.push("## Files", "");
  for (const [name, size] of Object.entries(r.files)) lines.push(`- \`${name}\`: ${bytes(size)}`);
  lines.push("- `CARD.md`: this card.", "", "## Known limits", "");
  for (const l of LIMITS) lines.push(`- ${l}`);
  lines.push("");
  return lines.join("\n");
}
