import { For, Show, createSignal, onCleanup } from "solid-js";
import { NATIVE_FIELD_ARCSEC } from "../../lib/astro/pixelScale.ts";
import { RgbTile } from "../shared/RgbTile.tsx";
import {
  FAMOUS_GALAXIES,
  SKY_MESSAGES,
  cutoutUrl,
  fieldGeometry,
  framingField,
  isWholeJpeg,
  parseCoordinates,
  readSesame,
  sesameUrl,
  viewerUrl,
} from "./skyClassifier.ts";
import type { CutoutGeometry, FamousGalaxy, SkyPosition } from "./skyClassifier.ts";
import { SKY_SERVICES, SKY_TIMEOUTS, fetchWithin } from "./skyServices.ts";
import type { SkyServices, SkyTimeouts } from "./skyServices.ts";
import type { CutoutResult } from "./classifyCutout.ts";
import "../shared/palette.css";
import styles from "./skyClassifier.module.css";

export type SkyClassifierProps = {
  /** Override the service base URLs (tests, a self-hosted mirror); defaults in skyServices.ts. */
  services?: Partial<SkyServices>;
  /** Override how long each service may take, milliseconds; defaults in skyServices.ts. */
  timeouts?: Partial<SkyTimeouts>;
};

type Status = "idle" | "resolving" | "fetching" | "classifying" | "done" | "error" | "cancelled";

interface Problem {
  message: string;
  /** The direct cutout link, when the position is known: download it and drop it into the upload form. */
  cutout?: string;
  viewer?: string;
}

interface Shown {
  /** For a famous galaxy: what it is and its size, which chose the field. */
  about: string | null;
  position: SkyPosition;
  geometry: CutoutGeometry;
  cutout: string;
  viewer: string;
  picture: string;
  result: Extract<CutoutResult, { kind: "classified" }>;
}

const arcsec = (x: number) => `${Number(x.toPrecision(3))}″`;

/**
 * "Classify any galaxy in the sky": a name (resolved by CDS Sesame) or RA/Dec → a DESI Legacy
 * Surveys colour cutout at a known pixel scale → the morphology classifier, with the crop the
 * network saw, the survey and the sky viewer link. Every failure says what happened and gives the
 * direct cutout link, to download and drop into the upload form of the classifier above. The latest
 * search wins: a new one (or Cancel) aborts the one running, whose answer is never shown.
 */
export function SkyClassifier(props: SkyClassifierProps) {
  const services = (): SkyServices => ({ ...SKY_SERVICES, ...props.services });
  const timeouts = (): SkyTimeouts => ({ ...SKY_TIMEOUTS, ...props.timeouts });
  const [query, setQuery] = createSignal("");
  const [field, setField] = createSignal(NATIVE_FIELD_ARCSEC.toFixed(1));
  const [status, setStatus] = createSignal<Status>("idle");
  const [problem, setProblem] = createSignal<Problem | null>(null);
  const [shown, setShown] = createSignal<Shown | null>(null);
  let pictureUrl: string | null = null;
  let running: AbortController | null = null;
  let targetBox: HTMLInputElement | undefined;
  onCleanup(() => {
    running?.abort();
    if (pictureUrl) URL.revokeObjectURL(pictureUrl);
  });

  const search = async (text = query(), fieldText = field(), about: string | null = null) => {
    // Only the latest search may touch the widget: the previous one's requests are aborted, and
    // its classification (which cannot be) is dropped when it ends.
    running?.abort();
    const own = new AbortController();
    running = own;
    const current = () => running === own;
    const fail = (p: Problem) => {
      if (!current()) return;
      setProblem(p);
      setStatus("error");
    };
    setProblem(null);
    const name = text.trim();
    if (!name) return fail({ message: SKY_MESSAGES.noQuery });
    let geometry: CutoutGeometry;
    let typed: { ra: number; dec: number } | null;
    try {
      geometry = fieldGeometry(fieldText);
      typed = parseCoordinates(name);
    } catch (e) {
      return fail({ message: e instanceof Error ? e.message : String(e) });
    }
    let position: SkyPosition;
    if (typed) position = { ...typed, name: `RA ${typed.ra.toFixed(4)}°, Dec ${typed.dec.toFixed(4)}°` };
    else {
      setStatus("resolving");
      const ms = timeouts().sesame;
      const answer = await fetchWithin(sesameUrl(services(), name), (r) => r.text(), { timeoutMs: ms, signal: own.signal });
      if (!current() || answer.kind === "cancelled") return;
      if (answer.kind === "unreachable") return fail({ message: SKY_MESSAGES.sesameUnreachable(answer.detail) });
      if (answer.kind === "http") return fail({ message: SKY_MESSAGES.sesameHttp(answer.status) });
      if (answer.kind === "timeout") return fail({ message: SKY_MESSAGES.sesameTimeout(ms) });
      const read = readSesame(answer.body, name);
      if (read.kind === "unreadable") return fail({ message: SKY_MESSAGES.sesameUnreadable });
      if (read.kind === "unknown") return fail({ message: SKY_MESSAGES.sesameUnknown(name) });
      position = read.position;
    }
    const cutout = cutoutUrl(services(), position, geometry);
    const viewer = viewerUrl(services(), position, geometry);
    const links = { cutout, viewer };
    setStatus("fetching");
    const ms = timeouts().cutout;
    const fetched = await fetchWithin(cutout, async (r) => new Uint8Array(await r.arrayBuffer()), { timeoutMs: ms, signal: own.signal });
    if (!current() || fetched.kind === "cancelled") return;
    if (fetched.kind === "unreachable") return fail({ message: SKY_MESSAGES.cutoutUnreachable(fetched.detail), ...links });
    if (fetched.kind === "http") return fail({ message: SKY_MESSAGES.cutoutHttp(fetched.status), ...links });
    if (fetched.kind === "timeout") return fail({ message: SKY_MESSAGES.cutoutTimeout(ms), ...links });
    const bytes = fetched.body;
    if (!isWholeJpeg(bytes)) return fail({ message: SKY_MESSAGES.cutoutNotPicture, ...links });
    setStatus("classifying");
    let result: CutoutResult;
    try {
      const { classifyCutout } = await import("./classifyCutout.ts");
      result = await classifyCutout(bytes, geometry.modelScale);
    } catch (e) {
      return fail({ message: SKY_MESSAGES.classifyFailed(e instanceof Error ? e.message : String(e)), ...links });
    }
    if (!current()) return;
    if (result.kind === "undecodable") return fail({ message: SKY_MESSAGES.cutoutNotPicture, ...links });
    if (result.kind === "blank") return fail({ message: SKY_MESSAGES.blank(position.name), ...links });
    if (pictureUrl) URL.revokeObjectURL(pictureUrl);
    pictureUrl = URL.createObjectURL(new Blob([bytes.slice()], { type: "image/jpeg" }));
    setShown({ about, position, geometry, cutout, viewer, picture: pictureUrl, result });
    setStatus("done");
    running = null;
  };

  const cancel = () => {
    running?.abort();
    running = null;
    setStatus("cancelled");
    // The Cancel button disappears with the search: keep the keyboard's place in the form.
    targetBox?.focus();
  };

  const tryFamous = (g: FamousGalaxy) => {
    const name = g.name;
    const f = framingField(g.diameterArcmin).toFixed(0);
    setQuery(name);
    setField(f);
    void search(name, f, `${name}: ${g.kind}, about ${g.diameterArcmin}′ across, so a field of ${f}″ (1.5 × its diameter).`);
  };

  const busy = () => status() === "resolving" || status() === "fetching" || status() === "classifying";
  const progress = () =>
    ({
      resolving: "Asking Sesame where it is…",
      fetching: "Fetching the Legacy Surveys cutout…",
      classifying: "Classifying (the model loads on first use)…",
    })[status() as "resolving" | "fetching" | "classifying"];

  return (
    <figure class={styles.sky} data-widget="sky-classifier" data-status={status()}>
      {/* noValidate: the widget checks the field itself and says why (the browser's check blocks silently). */}
      <form
        class={styles.form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label class={styles.label}>
          Galaxy name or RA, Dec (degrees)
          <input
            ref={targetBox}
            class={styles.text}
            type="text"
            name="target"
            value={query()}
            onInput={(e) => setQuery(e.currentTarget.value)}
            placeholder="NGC 4565 or 189.0866 25.9877"
            autocomplete="off"
          />
        </label>
        <label class={styles.label}>
          Field of view (arcsec)
          <input
            class={styles.number}
            type="number"
            name="field"
            min={NATIVE_FIELD_ARCSEC.toFixed(1)}
            max="3600"
            step="any"
            value={field()}
            onInput={(e) => setField(e.currentTarget.value)}
          />
        </label>
        {/* Never disabled: a new search while one runs replaces it (the latest wins). */}
        <button type="submit" class={styles.primary}>
          Find and classify
        </button>
      </form>
      <div class={styles.famous} role="group" aria-label="Famous galaxies to try">
        <span>Try:</span>
        <For each={FAMOUS_GALAXIES}>
          {(g) => (
            <button type="button" onClick={() => tryFamous(g)} title={`${g.kind}, about ${g.diameterArcmin}′ across`}>
              {g.name}
            </button>
          )}
        </For>
      </div>
      <div class={styles.statusRow}>
        <p class={styles.status} role="status" aria-live="polite">
          {busy() ? progress() : status() === "cancelled" ? "Cancelled." : ""}
        </p>
        <Show when={busy()}>
          <button type="button" class={styles.cancel} onClick={cancel}>
            Cancel
          </button>
        </Show>
      </div>
      <Show when={problem()}>
        {(p) => (
          <div class={styles.problem} role="alert" data-testid="sky-problem">
            <p>{p().message}</p>
            <Show when={p().cutout}>
              <p>
                <a href={p().cutout} data-testid="sky-cutout-link">
                  Direct cutout link (save the picture)
                </a>
                <Show when={p().viewer}>
                  {" · "}
                  <a href={p().viewer}>Legacy Surveys sky viewer</a>
                </Show>
              </p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={status() === "done" && shown()}>
        {(s) => {
          const r = () => s().result;
          const p = () => r().prediction;
          return (
            <div class={styles.result} data-testid="sky-result" data-top={p().top}>
              <div class={styles.images}>
                <figure>
                  <img
                    src={s().picture}
                    width={s().geometry.size}
                    height={s().geometry.size}
                    alt={`Legacy Surveys DR10 grz cutout of ${s().position.name}, ${arcsec(s().geometry.field)} on a side`}
                  />
                  <figcaption>
                    Legacy Surveys DR10 (grz), {s().geometry.size} px of {arcsec(s().geometry.pixscale)}
                  </figcaption>
                </figure>
                <figure>
                  <RgbTile image={r().prepared.data} class={styles.tile} />
                  <figcaption>What the network saw: 64 × 64 px</figcaption>
                </figure>
              </div>
              <Show when={s().about}>{(about) => <p data-testid="sky-about">{about()}</p>}</Show>
              <p>
                <strong>{s().position.name}</strong> at RA {s().position.ra.toFixed(4)}°, Dec {s().position.dec.toFixed(4)}°.{" "}
                {s().geometry.shrink > 1.01
                  ? `The ${arcsec(s().geometry.field)} field was shown to the network as its own ${arcsec(NATIVE_FIELD_ARCSEC)} field: the galaxy looks ${s().geometry.shrink.toFixed(0)} times smaller to it than on the sky, as if it were ${s().geometry.shrink.toFixed(0)} times farther away (without the added noise and blur that distance would bring).`
                  : `The cutout has the training images' own geometry: ${arcsec(NATIVE_FIELD_ARCSEC)} at the survey's 0.262″ per pixel.`}
              </p>
              <p>
                Galaxy-morphology model: <strong data-testid="sky-top">{p().top}</strong> (
                {(100 * p().probabilities[p().topIndex]).toFixed(0)} %).{" "}
                <span class={styles.probs}>
                  {p()
                    .labels.map((l, i) => `${l} ${(100 * p().probabilities[i]).toFixed(0)} %`)
                    .join(", ")}
                </span>
              </p>
              <p class={styles.caveat}>
                Trained on simulations only, this model is near chance on real galaxies (see the figures of "Simulation versus the sky"
                above): read its answer as a test of the model, not of the galaxy.
              </p>
              <For
                each={[
                  ...r().prepared.warnings,
                  ...(r().partial ? ["Part of the field has no survey data (an edge of the footprint or a masked bright star)."] : []),
                ]}
              >
                {(w) => <p class={styles.warning}>{w}</p>}
              </For>
              <p>
                <a href={s().viewer}>Open in the Legacy Surveys sky viewer</a> · <a href={s().cutout}>the cutout itself</a>
              </p>
            </div>
          );
        }}
      </Show>
    </figure>
  );
}
