import { createEffect, createMemo, createSignal, mergeProps } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { formatScientific } from "../shared/chartLayout.ts";
import { reportChallengeComplete } from "../shared/challenge.ts";
import type { SemanticParams } from "../../lib/zoo/index.ts";
import {
  AUTOENCODER_PREFIX,
  CLASSES,
  LATENT,
  autoencoderSchema,
  checksum,
  classMeanCodes,
  codeAt,
  errorMap,
  estimateParams,
  galleryImage,
  galleryItems,
  isAnomaly,
  radians,
  sliderCode,
} from "./autoencoderModel.ts";
import { meanSquaredError } from "../../lib/nn/index.ts";
import type { GalleryItem } from "./autoencoderModel.ts";
import { latestOnly } from "./latestOnly.ts";
import { LatentExplorer } from "./LatentExplorer.tsx";
import { modelSource } from "../shared/modelAssets.ts";
import { ReconstructPanel } from "./ReconstructPanel.tsx";
import type { Reconstruction, Upload } from "./ReconstructPanel.tsx";
import { SemanticSliders } from "./SemanticSliders.tsx";
import { useAutoencoderRuntime } from "./useAutoencoderRuntime.ts";
import "../shared/palette.css";
import styles from "./autoencoder.module.css";

const ENCODER = modelSource("galaxy-autoencoder-encoder");
const DECODER = modelSource("galaxy-autoencoder-decoder");

export type AutoencoderLabProps = {
  /** Id of the lesson challenge ("find an anomaly"); omit for none. */
  challengeId?: string;
  /** URL parameter prefix. Default "ae". */
  urlPrefix?: string;
};

/**
 * The autoencoder lab: reconstruct a simulated galaxy (or an uploaded image) through the 16-number
 * bottleneck and see the error; drag a point across a 2-D map of the latent space and watch the
 * decoder draw; set Sérsic index, axis ratio, size and angle with sliders and let the decoder
 * generate the galaxy. The encoder and decoder are the pipeline's ONNX files, run by onnxruntime-web
 * (WebGPU first, WebAssembly as the fallback), loaded only when the learner starts the demo.
 *
 * This component holds the state the panels share (URL, runtime, results) and runs the models;
 * the three panels only draw what they are given and report the learner's actions.
 */
export function AutoencoderLab(props: AutoencoderLabProps) {
  const merged = mergeProps({ urlPrefix: AUTOENCODER_PREFIX }, props);
  const url = useUrlState(autoencoderSchema, merged.urlPrefix);
  const s = url.state;
  const runtime = useAutoencoderRuntime(() => s().ep);
  const { infer, fail, map, status } = runtime;
  const [started, setStarted] = createSignal(false);
  const [touched, setTouched] = createSignal(false);
  const [upload, setUpload] = createSignal<Upload | null>(null);
  const [recon, setRecon] = createSignal<Reconstruction | null>(null);
  const [explored, setExplored] = createSignal<{ image: Float32Array; ms: number } | null>(null);
  const [generated, setGenerated] = createSignal<{ image: Float32Array; ms: number } | null>(null);
  const [readBack, setReadBack] = createSignal<SemanticParams | null>(null);

  const items = createMemo(() => galleryItems(s().page));
  // Simulated in the browser after mounting (the server renders an empty gallery).
  const images = createMemo(() => (runtime.mounted() ? items().map(galleryImage) : []));
  const current = createMemo(() => {
    const up = upload();
    if (up) return { kind: "upload" as const, image: up.image, item: null as GalleryItem | null, truth: null as SemanticParams | null };
    const imgs = images();
    if (imgs.length === 0) return null;
    const item = items()[s().img];
    return { kind: "gallery" as const, image: imgs[s().img].image, item, truth: imgs[s().img].truth };
  });

  // Panel 1: encode and decode the current image; a newer request makes an older one's result stale.
  let runId = 0;
  const reconstruct = async () => {
    const src = current();
    if (!src || !runtime.mounted()) return;
    const token = ++runId;
    runtime.setStatus("loading");
    runtime.setError(null);
    try {
      const [enc] = await Promise.all([infer(ENCODER, src.image), runtime.loadMap()]);
      const dec = await infer(DECODER, enc.output);
      if (token !== runId) return;
      const mse = meanSquaredError(src.image, dec.output);
      setRecon({
        code: enc.output,
        image: dec.output,
        error: errorMap(src.image, dec.output),
        mse,
        ep: dec.ep,
        encodeMs: enc.latencyMs,
        decodeMs: dec.latencyMs,
        notice: dec.notice ?? enc.notice,
      });
      runtime.setStatus("ready");
    } catch (e) {
      if (token === runId) fail(e);
    }
  };

  // Once started, a new image or provider reconstructs again: the bare reads subscribe the effect.
  createEffect(() => {
    void current();
    void s().ep;
    if (started()) void reconstruct();
  });

  // Panel 2, the latent explorer: the point is the reference galaxy's map position plus an offset (lx, ly).
  const refGalaxy = () => {
    const m = map();
    return m ? m.galaxies[Math.min(s().ref, m.galaxies.length - 1)] : null;
  };
  const point = () => {
    const g = refGalaxy();
    return g ? ([g.xy[0] + s().lx, g.xy[1] + s().ly] as const) : null;
  };
  const decodeExplorer = latestOnly(async (code: Float32Array) => {
    try {
      const r = await infer(DECODER, code);
      setExplored({ image: r.output, ms: r.latencyMs });
    } catch (e) {
      fail(e);
    }
  });
  createEffect(() => {
    const m = map();
    const p = point();
    if (!m || !p || !started()) return;
    decodeExplorer(codeAt(m, s().ref, p[0], p[1]));
  });
  const moveTo = (x: number, y: number) => {
    const g = refGalaxy();
    if (!g) return;
    setTouched(true);
    url.update({ lx: Number((x - g.xy[0]).toFixed(3)), ly: Number((y - g.xy[1]).toFixed(3)) });
  };

  // Panel 3, the semantic sliders: parameters → semantic units; free units from the chosen class's average.
  const sliderParams = (): SemanticParams => ({
    sersicN: s().n,
    axisRatio: s().q,
    effectiveRadius: s().re,
    positionAngle: radians(s().pa % 180),
  });
  const decodeSliders = latestOnly(async (code: Float32Array) => {
    try {
      const r = await infer(DECODER, code);
      setGenerated({ image: r.output, ms: r.latencyMs });
      // Close the loop: what does the encoder read back from the generated galaxy?
      const back = await infer(ENCODER, r.output);
      setReadBack(estimateParams(back.output));
    } catch (e) {
      fail(e);
    }
  });
  const freeCodes = createMemo(() => {
    const m = map();
    return m ? classMeanCodes(m) : null;
  });
  createEffect(() => {
    const free = freeCodes();
    if (!free || !started()) return;
    const base = s().base;
    decodeSliders(sliderCode(sliderParams(), base === "none" ? new Float32Array(LATENT) : free[CLASSES.indexOf(base)]));
  });

  // The challenge: an image reconstructed worse than 99% of the held-out galaxies (an anomaly).
  const anomaly = () => {
    const r = recon();
    const m = map();
    return r && m ? isAnomaly(r.mse, m.anomalyThreshold) : false;
  };
  createEffect(() => {
    const r = recon();
    const m = map();
    if (merged.challengeId && touched() && r && m && status() === "ready" && isAnomaly(r.mse, m.anomalyThreshold)) {
      const src = current();
      const what = src?.kind === "upload" ? "your image" : `this ${src?.item?.kind ?? "image"}`;
      reportChallengeComplete(
        merged.challengeId,
        `The autoencoder reconstructs ${what} with MSE ${formatScientific(r.mse)}, above the ${formatScientific(m.anomalyThreshold)} that 99% of held-out galaxies stay under: an anomaly.`,
      );
    }
  });

  const start = () => {
    setTouched(true);
    setStarted(true);
  };
  const pick = (index: number) => {
    setTouched(true);
    setUpload(null);
    url.update({ img: index });
    setStarted(true);
  };
  const more = () => {
    setTouched(true);
    setUpload(null);
    url.update({ page: (s().page + 1) % 10000, img: 0 });
  };
  const uploaded = (up: Upload) => {
    setUpload(up);
    setTouched(true);
    setStarted(true);
  };

  return (
    <figure
      class={styles.root}
      data-widget="autoencoder"
      data-status={status()}
      data-ep={runtime.lastEp()?.ep ?? ""}
      data-mse={recon()?.mse ?? ""}
      data-recon-sum={recon() ? checksum(recon()!.image) : ""}
      data-explorer-sum={explored() ? checksum(explored()!.image) : ""}
      data-sliders-sum={generated() ? checksum(generated()!.image) : ""}
      data-encode-ms={recon()?.encodeMs ?? ""}
      data-decode-ms={recon()?.decodeMs ?? ""}
    >
      <UrlNotice problems={url.problems()} />
      <div class={styles.controls}>
        <ChoiceGroup
          name="ep"
          legend="Run on"
          options={[
            { value: "auto", label: "WebGPU if possible" },
            { value: "wasm", label: "WebAssembly (CPU)" },
          ]}
          value={s().ep === "webgpu" ? "auto" : s().ep}
          onChange={(ep) => url.update({ ep })}
        />
      </div>

      <ReconstructPanel
        items={items()}
        images={images()}
        selected={upload() ? null : s().img}
        upload={upload()}
        current={current()}
        recon={recon()}
        map={map()}
        anomaly={anomaly()}
        started={started()}
        mounted={runtime.mounted()}
        loading={status() === "loading"}
        notice={runtime.lastEp()?.notice ?? null}
        error={runtime.error()}
        onPick={pick}
        onMore={more}
        onUpload={uploaded}
        onStart={start}
        onRetry={() => void reconstruct()}
      />

      <LatentExplorer
        map={map()}
        point={point()}
        explored={explored()?.image ?? null}
        onMove={moveTo}
        onSnap={(ref) => url.update({ ref, lx: 0, ly: 0 })}
      />

      <SemanticSliders
        values={s()}
        base={s().base}
        generated={generated()?.image ?? null}
        readBack={readBack()}
        onValues={(patch) => (setTouched(true), url.update(patch))}
        onBase={(base) => url.update({ base })}
      />
    </figure>
  );
}
