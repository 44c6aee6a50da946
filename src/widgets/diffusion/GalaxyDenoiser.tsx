import { For, Show, createEffect, createMemo, createSignal, mergeProps, on, onCleanup, onMount, untrack } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { formatNumber } from "../shared/chartLayout.ts";
import { paintRgb } from "../shared/raster.ts";
import { InferenceError, describeError } from "../../lib/inference/index.ts";
import type { ExecutionProvider } from "../../lib/inference/index.ts";
import { lazyModelRunner } from "../shared/lazyModelRunner.ts";
import { MORPHOLOGY_CLASSES } from "../../lib/astro/index.ts";
import { coefficients, ddimStep, predictX0 } from "../../lib/diffusion/index.ts";
import { DENOISER_SPEC, dataToDisplay, denoiserInput } from "../../lib/zoo/index.ts";
import {
  DENOISER_PREFIX,
  GENERATED,
  denoiseScene,
  denoiserSchedule,
  denoiserSchema,
  displayMse,
  generationNoise,
  generationPlan,
  SPECKLE_GAIN,
  generationVerdict,
  referenceStats,
  rescaledNoisy,
  singleInput,
  statsOf,
  x0ErrorGain,
} from "./denoiserModel.ts";
import { psnr } from "../../lib/nn/index.ts";
import { modelSource } from "../shared/modelAssets.ts";
import "../shared/palette.css";
import styles from "./diffusion.module.css";

export type GalaxyDenoiserProps = {
  /** URL parameter prefix. Default "dn". */
  urlPrefix?: string;
};

type Status = "idle" | "loading" | "ready" | "error";
const EP_LABEL: Record<ExecutionProvider, string> = { webgpu: "WebGPU", wasm: "WebAssembly (CPU)" };
const SIDE = DENOISER_SPEC.size;

function Tile(props: { image: Float32Array | null; label: string; caption: string; small?: boolean; testid?: string }) {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    if (canvas && props.image) paintRgb(canvas, dataToDisplay(props.image), SIDE, SIDE);
  });
  return (
    <div class={styles.tile}>
      <canvas
        ref={canvas}
        class={`${styles.canvas} ${props.small ? styles.small : ""}`}
        role="img"
        aria-label={props.label}
        data-testid={props.testid}
      />
      <div class={styles.caption}>{props.caption}</div>
    </div>
  );
}

/**
 * The shipped galaxy denoiser (models/galaxy-denoiser, run by onnxruntime-web on WebGPU or
 * WebAssembly): denoise a noisy cutout in one step (x̂₀ from ε̂), and generate a few galaxies from
 * pure noise with deterministic DDIM steps. ORT and the model load only when the learner starts.
 */
export function GalaxyDenoiser(props: GalaxyDenoiserProps) {
  const merged = mergeProps({ urlPrefix: DENOISER_PREFIX }, props);
  const url = useUrlState(denoiserSchema, merged.urlPrefix);
  const s = url.state;
  const schedule = denoiserSchedule();
  const [mounted, setMounted] = createSignal(false);
  const [status, setStatus] = createSignal<Status>("idle");
  const [error, setError] = createSignal<{ message: string; retryable: boolean } | null>(null);
  const [denoised, setDenoised] = createSignal<{ key: string; x0Hat: Float32Array } | null>(null);
  const [generated, setGenerated] = createSignal<Float32Array[] | null>(null);
  const [genProgress, setGenProgress] = createSignal<{ done: number; total: number } | null>(null);
  const [run, setRun] = createSignal<{
    ep: ExecutionProvider;
    notice: string | null;
    first: number;
    warm: number | null;
    sessionMs: number;
  } | null>(null);
  const runner = lazyModelRunner();
  onMount(() => setMounted(true));
  onCleanup(() => runner.dispose());

  const key = () => `${s().galaxy}/${s().seed}/${s().t}`;
  const scene = createMemo(() => (mounted() ? denoiseScene(s().galaxy, s().seed, s().t, schedule) : null));
  const noisyRescaled = createMemo(() => {
    const sc = scene();
    return sc ? rescaledNoisy(sc, schedule) : null;
  });
  const c = createMemo(() => coefficients(schedule, s().t));
  const gain = createMemo(() => x0ErrorGain(schedule, s().t));
  const verdict = createMemo(() => {
    const g = generated();
    if (!g) return "";
    const all = new Float32Array(g.length * g[0].length);
    g.forEach((img, i) => all.set(img, i * img.length));
    return generationVerdict(statsOf(all), referenceStats());
  });
  const x0Hat = () => {
    const d = denoised();
    return d && d.key === key() ? d.x0Hat : null;
  };

  const record = (r: { ep: ExecutionProvider; notice: string | null; latencyMs: number; sessionMs: number }) => {
    const prev = run();
    setRun(
      prev && prev.ep === r.ep
        ? { ...prev, warm: r.latencyMs, notice: r.notice }
        : { ep: r.ep, notice: r.notice, first: r.latencyMs, warm: null, sessionMs: r.sessionMs },
    );
  };
  const fail = (e: unknown) => {
    setError({ message: describeError(e), retryable: e instanceof InferenceError ? e.retryable : true });
    setStatus("error");
  };

  let token = 0;
  const denoise = async () => {
    const sc = scene();
    if (!sc || !mounted()) return;
    const mine = ++token;
    setStatus("loading");
    setError(null);
    try {
      const r = await (await runner.get()).infer(modelSource("galaxy-denoiser"), singleInput(sc), s().ep, 1);
      if (mine !== token) return;
      record(r);
      setDenoised({ key: `${s().galaxy}/${s().seed}/${sc.t}`, x0Hat: predictX0(schedule, sc.xt, sc.t, r.output, 1) });
      setStatus("ready");
    } catch (e) {
      if (mine === token) fail(e);
    }
  };
  // Once the learner has denoised, moving t or changing the galaxy denoises again.
  createEffect(
    on(
      [key, () => s().ep],
      () => {
        if (untrack(denoised) !== null) void denoise();
      },
      { defer: true },
    ),
  );

  const generate = async () => {
    if (!mounted()) return;
    const mine = ++token;
    const plan = generationPlan(s().steps);
    setStatus("loading");
    setError(null);
    setGenProgress({ done: 0, total: plan.length });
    try {
      let x = generationNoise(s().seed);
      const n = DENOISER_SPEC.channels * SIDE * SIDE;
      for (const [k, [t, next]] of plan.entries()) {
        const r = await (
          await runner.get()
        ).infer(modelSource("galaxy-denoiser"), denoiserInput(x, Array(GENERATED).fill(t)), s().ep, GENERATED);
        if (mine !== token) return;
        record(r);
        x = ddimStep(schedule, x, t, next, r.output, 1);
        setGenProgress({ done: k + 1, total: plan.length });
      }
      setGenerated(Array.from({ length: GENERATED }, (_, i) => x.slice(i * n, (i + 1) * n)));
      setStatus("ready");
    } catch (e) {
      if (mine === token) fail(e);
    }
  };

  const noisyMse = () => {
    const sc = scene();
    const n = noisyRescaled();
    return sc && n ? displayMse(n, sc.x0) : null;
  };
  const denoisedMse = () => {
    const sc = scene();
    const d = x0Hat();
    return sc && d ? displayMse(d, sc.x0) : null;
  };

  return (
    <figure
      class={styles.root}
      data-widget="galaxy-denoiser"
      data-status={status()}
      data-ep={run()?.ep ?? ""}
      data-denoised-mse={denoisedMse() ?? ""}
      data-noisy-mse={noisyMse() ?? ""}
      data-generated={generated()?.length ?? 0}
    >
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup
          name="galaxy"
          legend="Galaxy"
          options={MORPHOLOGY_CLASSES.map((g) => ({ value: g, label: g }))}
          value={s().galaxy}
          onChange={(galaxy) => url.update({ galaxy })}
        />
        <ChoiceGroup
          name="ep"
          legend="Run on"
          options={[
            { value: "auto" as const, label: "WebGPU if possible" },
            { value: "wasm" as const, label: "WebAssembly (CPU)" },
          ]}
          value={s().ep === "webgpu" ? "auto" : s().ep}
          onChange={(ep) => url.update({ ep })}
        />
        <button type="button" class={styles.secondary} data-action="another" onClick={() => url.update({ seed: (s().seed + 1) % 10000 })}>
          Another galaxy
        </button>
      </div>
      <LabelledSlider
        label="Noise level: step t"
        name="t"
        value={s().t}
        min={1}
        max={DENOISER_SPEC.schedule.T}
        step={1}
        digits={0}
        onChange={(t) => url.update({ t })}
        hint={`√ᾱ = ${formatNumber(c().signalScale, 3)}, √(1 − ᾱ) = ${formatNumber(c().noiseScale, 3)}`}
      />
      <div class={styles.images}>
        <Tile image={scene()?.x0 ?? null} label={`The clean simulated ${s().galaxy}, 32 × 32 pixels`} caption="clean x₀" />
        <Tile
          image={scene()?.xt ?? null}
          label={`The same galaxy noised to step ${s().t}`}
          caption={`noisy x_${s().t}`}
          testid="dn-noisy"
        />
        <Tile
          image={noisyRescaled()}
          label="The noisy image divided by √ᾱ: what you have without a network"
          caption="x_t/√ᾱ (no network)"
        />
        <Tile
          image={x0Hat()}
          label={x0Hat() ? "The network's one-step estimate of the clean galaxy" : "Not denoised yet"}
          caption="network's x̂₀"
          testid="dn-denoised"
        />
      </div>
      <p class={styles.note} data-testid="dn-gain">
        At t = {s().t} every error of ε̂ reaches x̂₀ multiplied by √(1 − ᾱ)/√ᾱ = {formatNumber(gain(), 2)}
        {gain() > SPECKLE_GAIN
          ? ": the network's small errors in ε̂ swamp the estimate, so expect coloured speckle, not a smooth blob (one jump from high noise is never trusted: samplers take many small steps)."
          : ": the estimate is the network's average guess of the galaxy, blurry but recognisable."}
      </p>
      <Show when={!run()}>
        <p class={styles.note}>
          The model ({DENOISER_SPEC.size} × {DENOISER_SPEC.size} pixels, ≈ 120 kB) and ONNX Runtime (14–27 MB of WebAssembly, downloaded
          once) load when you press a button below.
        </p>
      </Show>
      <div class={styles.row}>
        <button
          type="button"
          class={styles.primary}
          data-action="denoise"
          onClick={() => void denoise()}
          disabled={!mounted() || status() === "loading"}
        >
          Denoise in one step
        </button>
      </div>
      <Show when={denoisedMse() !== null && noisyMse() !== null}>
        <p class={styles.numbers} role="status" data-testid="dn-errors">
          Error against the clean galaxy (pixel values 0–1): without a network MSE {formatNumber(noisyMse()!, 4)} (PSNR{" "}
          {formatNumber(psnr(noisyMse()!), 1)} dB); the network's x̂₀ MSE {formatNumber(denoisedMse()!, 4)} (PSNR{" "}
          {formatNumber(psnr(denoisedMse()!), 1)} dB).
        </p>
      </Show>

      <h3 class={styles.title}>Generate galaxies from pure noise</h3>
      <LabelledSlider
        label="Reverse steps (DDIM)"
        name="steps"
        value={s().steps}
        min={1}
        max={50}
        step={1}
        digits={0}
        onChange={(steps) => url.update({ steps })}
        hint={`jumps from t = ${DENOISER_SPEC.schedule.T} to 0`}
      />
      <div class={styles.row}>
        <button
          type="button"
          class={styles.primary}
          data-action="generate"
          onClick={() => void generate()}
          disabled={!mounted() || status() === "loading"}
        >
          Generate {GENERATED} galaxies
        </button>
        <Show when={genProgress() && status() === "loading"}>
          <label class={styles.note}>
            Step {genProgress()!.done} of {genProgress()!.total}{" "}
            <progress class={styles.progress} max={genProgress()!.total} value={genProgress()!.done} aria-label="Generation progress" />
          </label>
        </Show>
      </div>
      <Show when={generated()}>
        {(g) => (
          <>
            <div class={styles.images} data-testid="dn-generated">
              <For each={g()}>{(img, i) => <Tile image={img} small label={`Generated image ${i() + 1}`} caption={`#${i() + 1}`} />}</For>
            </div>
            <p class={styles.note} data-testid="dn-verdict">
              {verdict()} Two numbers cannot say whether a sample is a galaxy: look at the shapes. Inventing an image is harder than
              cleaning one up: every reverse step adds the network's own error, and a network with {DENOISER_SPEC.widths.join("/")} filters
              per level, trained on a CPU, has learned the smooth, average galaxy far better than the details.
            </p>
          </>
        )}
      </Show>

      <Show when={run()}>
        {(r) => (
          <p class={styles.note} data-testid="dn-runtime">
            Ran on <strong>{EP_LABEL[r().ep]}</strong>: first run {formatNumber(r().first, 1)} ms
            <Show when={r().warm !== null}>, latest {formatNumber(r().warm!, 1)} ms</Show>
            <Show when={r().sessionMs > 0}> (loading the session took {formatNumber(r().sessionMs, 0)} ms)</Show>.
          </p>
        )}
      </Show>
      <Show when={run()?.notice}>
        {(n) => (
          <p class={styles.notice} data-testid="dn-notice">
            {n()}
          </p>
        )}
      </Show>
      <Show when={error()}>
        {(e) => (
          <div class={styles.error} role="alert" data-testid="dn-error">
            <p>{e().message}</p>
            <Show when={e().retryable}>
              <button type="button" class={styles.secondary} data-action="retry" onClick={() => void denoise()}>
                Try again
              </button>
            </Show>
          </div>
        )}
      </Show>
    </figure>
  );
}
