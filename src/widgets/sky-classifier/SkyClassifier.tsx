import { For, Show, createSignal, onCleanup } from "solid-js";
import { NATIVE_FIELD_ARCSEC } from "../../lib/astro/pixelScale.ts";
import { RgbTile } from "../shared/RgbTile.tsx";
import {
  FAMOUS_GALAXIES,
  cutoutGeometry,
  cutoutUrl,
  framingField,
  parseCoordinates,
  parseSesame,
  sesameUrl,
  viewerUrl,
} from "./skyClassifier.ts";
import type { CutoutGeometry, FamousGalaxy, SkyPosition } from "./skyClassifier.ts";
import { SKY_SERVICES } from "./skyServices.ts";
import type { SkyServices } from "./skyServices.ts";
import type { CutoutResult } from "./classifyCutout.ts";
import "../shared/palette.css";
import styles from "./skyClassifier.module.css";

export type SkyClassifierProps = {
  /** Override the service base URLs (tests, a self-hosted mirror); defaults in skyServices.ts. */
  services?: Partial<SkyServices>;
};

type Status = "idle" | "resolving" | "fetching" | "classifying" | "done" | "error";

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
 * direct cutout link, to download and drop into the upload form of the classifier above.
 */
export function SkyClassifier(props: SkyClassifierProps) {
  const services = (): SkyServices => ({ ...SKY_SERVICES, ...props.services });
  const [query, setQuery] = createSignal("");
  const [field, setField] = createSignal(NATIVE_FIELD_ARCSEC.toFixed(1));
  const [status, setStatus] = createSignal<Status>("idle");
  const [problem, setProblem] = createSignal<Problem | null>(null);
  const [shown, setShown] = createSignal<Shown | null>(null);
  let pictureUrl: string | null = null;
  onCleanup(() => pictureUrl && URL.revokeObjectURL(pictureUrl));
  let token = 0;

  const fail = (t: number, p: Problem) => {
    if (t !== token) return;
    setProblem(p);
    setStatus("error");
  };

  const search = async (text = query(), fieldText = field(), about: string | null = null) => {
    const t = ++token;
    setProblem(null);
    const name = text.trim();
    if (!name) return fail(t, { message: "Type a galaxy's name (e.g. M87) or its RA and Dec in degrees." });
    let geometry: CutoutGeometry;
    let position: SkyPosition;
    try {
      geometry = cutoutGeometry(Number(fieldText));
      const typed = parseCoordinates(name);
      if (typed) position = { ...typed, name: `RA ${typed.ra.toFixed(4)}°, Dec ${typed.dec.toFixed(4)}°` };
      else {
        setStatus("resolving");
        let xml: string;
        try {
          const response = await fetch(sesameUrl(services(), name));
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          xml = await response.text();
        } catch (e) {
          return fail(t, {
            message: `The name resolver (CDS Sesame) could not be reached (${e instanceof Error ? e.message : String(e)}): you may be offline, or a network filter blocks it. Type the RA and Dec in degrees instead.`,
          });
        }
        const found = parseSesame(xml, name);
        if (!found)
          return fail(t, {
            message: `Sesame (SIMBAD, NED, VizieR) does not know "${name}". Check the spelling, or type the RA and Dec in degrees.`,
          });
        position = found;
      }
    } catch (e) {
      return fail(t, { message: e instanceof Error ? e.message : String(e) });
    }
    if (t !== token) return;
    const cutout = cutoutUrl(services(), position, geometry);
    const viewer = viewerUrl(services(), position, geometry);
    const dropIn = `Download the cutout and drop it into the upload form of the classifier above, with a field of view of ${arcsec(NATIVE_FIELD_ARCSEC)} to reproduce this framing.`;
    setStatus("fetching");
    let bytes: Uint8Array;
    try {
      const response = await fetch(cutout);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      return fail(t, {
        message: `The Legacy Surveys cutout service could not be reached (${e instanceof Error ? e.message : String(e)}): you may be offline, or a network filter blocks it. ${dropIn}`,
        cutout,
        viewer,
      });
    }
    if (t !== token) return;
    setStatus("classifying");
    let result: CutoutResult;
    try {
      const { classifyCutout } = await import("./classifyCutout.ts");
      result = await classifyCutout(bytes, geometry.modelScale);
    } catch (e) {
      return fail(t, {
        message: `The cutout could not be classified: ${e instanceof Error ? e.message : String(e)}. ${dropIn}`,
        cutout,
        viewer,
      });
    }
    if (t !== token) return;
    if (result.kind === "blank") {
      return fail(t, {
        message: `${position.name} is outside the Legacy Surveys' footprint: the cutout came back empty (black). The surveys cover most of the sky at |Dec| < 30° away from the Milky Way plus the north cap; try an SDSS image of it in the upload form instead.`,
        cutout,
        viewer,
      });
    }
    if (pictureUrl) URL.revokeObjectURL(pictureUrl);
    pictureUrl = URL.createObjectURL(new Blob([bytes.slice()], { type: "image/jpeg" }));
    setShown({ about, position, geometry, cutout, viewer, picture: pictureUrl, result });
    setStatus("done");
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
      <form
        class={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label class={styles.label}>
          Galaxy name or RA, Dec (degrees)
          <input
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
        <button type="submit" class={styles.primary} disabled={busy()}>
          Find and classify
        </button>
      </form>
      <div class={styles.famous} role="group" aria-label="Famous galaxies to try">
        <span>Try:</span>
        <For each={FAMOUS_GALAXIES}>
          {(g) => (
            <button type="button" disabled={busy()} onClick={() => tryFamous(g)} title={`${g.kind}, about ${g.diameterArcmin}′ across`}>
              {g.name}
            </button>
          )}
        </For>
      </div>
      <p class={styles.status} role="status" aria-live="polite">
        {busy() ? progress() : ""}
      </p>
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
