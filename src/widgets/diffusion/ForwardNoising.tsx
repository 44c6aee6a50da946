import { Show, createEffect, createMemo, createSignal, mergeProps, onMount } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { ChartFrame } from "../shared/ChartFrame.tsx";
import { TeX } from "../shared/TeX.tsx";
import { formatNumber, formatScientific } from "../shared/chartLayout.ts";
import { paintRgb } from "../shared/raster.ts";
import { MORPHOLOGY_CLASSES } from "../../lib/astro/index.ts";
import {
  FORWARD_PREFIX,
  FORWARD_T,
  alphaBarCurve,
  coefficients,
  forwardScene,
  forwardSchedule,
  forwardSchema,
  forwardTeX,
  noisyDisplay,
} from "./forwardNoisingModel.ts";
import "../shared/palette.css";
import styles from "./diffusion.module.css";

export type ForwardNoisingProps = {
  /** URL parameter prefix. Default "fwd". */
  urlPrefix?: string;
};

/**
 * The forward process on a simulated galaxy: a step slider shows x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε for
 * one fixed noise draw, with the coefficients and the signal-to-noise ratio of that step, and ᾱ_t of
 * the linear and cosine schedules side by side.
 */
export function ForwardNoising(props: ForwardNoisingProps) {
  const merged = mergeProps({ urlPrefix: FORWARD_PREFIX }, props);
  const url = useUrlState(forwardSchema, merged.urlPrefix);
  const s = url.state;
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));

  const schedule = createMemo(() => forwardSchedule(s().schedule));
  const other = createMemo(() => forwardSchedule(s().schedule === "cosine" ? "linear" : "cosine"));
  // Simulated only in the browser (the server renders empty canvases).
  const scene = createMemo(() => (mounted() ? forwardScene(s().galaxy, s().seed) : null));
  const c = createMemo(() => coefficients(schedule(), s().t));
  const noisy = createMemo(() => {
    const sc = scene();
    return sc ? noisyDisplay(sc, schedule(), s().t) : null;
  });

  let clean: HTMLCanvasElement | undefined;
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    const sc = scene();
    if (sc && clean)
      paintRgb(
        clean,
        Float32Array.from(sc.x0, (v) => (v + 1) / 2),
        64,
        64,
      );
  });
  createEffect(() => {
    const n = noisy();
    if (n && canvas) paintRgb(canvas, n, 64, 64);
  });
  const checksum = createMemo(() => {
    const n = noisy();
    if (!n) return "";
    let sum = 0;
    for (let i = 0; i < n.length; i += 97) sum += n[i];
    return sum.toFixed(4);
  });

  const W = 340;
  const H = 150;
  const path = (values: number[]) =>
    values
      .map((v, t) => `${t === 0 ? "M" : "L"}${(30 + (t / FORWARD_T) * (W - 40)).toFixed(1)},${(10 + (1 - v) * (H - 30)).toFixed(1)}`)
      .join("");
  const markerX = () => 30 + (s().t / FORWARD_T) * (W - 40);

  return (
    <figure class={styles.root} data-widget="forward-noising" data-t={s().t} data-checksum={checksum()}>
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
          name="schedule"
          legend="Schedule"
          options={[
            { value: "cosine" as const, label: "cosine" },
            { value: "linear" as const, label: "linear" },
          ]}
          value={s().schedule}
          onChange={(schedule) => url.update({ schedule })}
        />
        <button
          type="button"
          class={styles.secondary}
          data-action="new-galaxy"
          onClick={() => url.update({ seed: (s().seed + 1) % 10000 })}
        >
          Another galaxy
        </button>
      </div>
      <LabelledSlider
        label="Step t"
        name="t"
        value={s().t}
        min={0}
        max={FORWARD_T}
        step={1}
        digits={0}
        onChange={(t) => url.update({ t })}
        hint={`of T = ${FORWARD_T}`}
      />
      <div class={styles.images}>
        <div class={styles.tile}>
          <canvas ref={clean} class={styles.canvas} role="img" aria-label={`The clean simulated ${s().galaxy} galaxy x₀`} />
          <div class={styles.caption}>clean x₀</div>
        </div>
        <div class={styles.tile}>
          <canvas
            ref={canvas}
            class={styles.canvas}
            role="img"
            data-testid="forward-image"
            aria-label={`The galaxy at step ${s().t}: ${formatNumber(c().signalScale * 100, 0)} % of the signal amplitude and noise of standard deviation ${formatNumber(c().noiseScale, 2)}`}
          />
          <div class={styles.caption}>noisy x_{s().t}</div>
        </div>
      </div>
      <TeX tex={forwardTeX(c())} data-testid="forward-tex" />
      <p class={styles.numbers} data-testid="forward-numbers">
        ᾱ_{s().t} = {formatScientific(c().alphaBar)}; √ᾱ = {formatNumber(c().signalScale, 3)}, 1 − ᾱ = {formatNumber(c().noiseVariance, 3)},
        SNR = {s().t === 0 ? "∞" : formatScientific(c().snr)}
        <Show when={s().t > 0}> ({formatNumber(10 * Math.log10(c().snr), 1)} dB)</Show>.
      </p>
      <h3 class={styles.title}>How much signal is left: ᾱ_t</h3>
      <ChartFrame
        width={W}
        height={H}
        label="ᾱ_t against t for the two schedules"
        description={`ᾱ_t falls from 1 at t = 0 to almost 0 at t = ${FORWARD_T}. At t = ${s().t}: ${s().schedule} ${formatNumber(schedule().alphaBars[s().t], 3)}, ${s().schedule === "cosine" ? "linear" : "cosine"} ${formatNumber(other().alphaBars[s().t], 3)}.`}
      >
        <rect class={styles.plotBox} x={30} y={10} width={W - 40} height={H - 30} />
        <path class={styles.curveLine} style={{ stroke: "var(--chart-1)" }} d={path(alphaBarCurve(schedule()))} />
        <path class={styles.curveLine} style={{ stroke: "var(--chart-2)", "stroke-dasharray": "5 4" }} d={path(alphaBarCurve(other()))} />
        <line x1={markerX()} x2={markerX()} y1={10} y2={H - 20} stroke="var(--focus)" stroke-width={2} />
        <text class={styles.tickLabel} x={4} y={16}>
          1
        </text>
        <text class={styles.tickLabel} x={4} y={H - 20}>
          0
        </text>
        <text class={styles.tickLabel} x={30} y={H - 4}>
          t = 0
        </text>
        <text class={styles.tickLabel} x={W - 60} y={H - 4}>{`t = ${FORWARD_T}`}</text>
      </ChartFrame>
      <p class={styles.note}>
        Solid: {s().schedule} (shown above); dashed: {s().schedule === "cosine" ? "linear" : "cosine"}. The linear schedule of Ho et al.
        (2020) spends many steps on almost pure noise; the cosine one (Nichol & Dhariwal 2021) removes information more evenly.
      </p>
    </figure>
  );
}
