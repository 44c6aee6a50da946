import { Show } from "solid-js";
import { ChoiceGroup } from "../shared/ChoiceGroup.tsx";
import { LabelledSlider } from "../shared/LabelledSlider.tsx";
import { formatNumber } from "../shared/chartLayout.ts";
import type { SemanticParams } from "../../lib/zoo/index.ts";
import { CLASSES, degrees } from "./autoencoderModel.ts";
import type { FreeUnits } from "./autoencoderModel.ts";
import { RgbTile } from "../shared/RgbTile.tsx";
import styles from "./autoencoder.module.css";

/** The sliders' values as the URL holds them: Sérsic n, axis ratio, half-light radius (pixels), angle (degrees). */
export interface SliderValues {
  n: number;
  q: number;
  re: number;
  pa: number;
}

export type SemanticSlidersProps = {
  values: SliderValues;
  /** What fills the 11 free latent units. */
  base: FreeUnits;
  /** The decoder's drawing of the sliders' code, once the autoencoder has started. */
  generated: Float32Array | null;
  /** What the encoder reads back from that drawing. */
  readBack: SemanticParams | null;
  /** A slider moved (one field at a time). */
  onValues: (patch: Partial<SliderValues>) => void;
  onBase: (base: FreeUnits) => void;
};

/** Panel 3: set the semantic units from galaxy parameters, let the decoder draw, and the encoder read it back. */
export function SemanticSliders(props: SemanticSlidersProps) {
  return (
    <section class={styles.section} aria-labelledby="ae-sliders-title">
      <h3 class={styles.title} id="ae-sliders-title">
        3. Semantic sliders: draw a galaxy from its parameters
      </h3>
      <p class={styles.note}>
        The first five latent units were trained to hold the main galaxy's Sérsic index, axis ratio, size and angle (as cos 2θ and sin 2θ).
        Set them here; the other 11 units are zero (the decoder learnt to draw from the parameters alone) or the average code of a class you
        pick. The encoder then reads your drawing back: how close it comes shows how well the two halves agree.
      </p>
      <div class={styles.sliders}>
        <div class={styles.sliderList}>
          <LabelledSlider
            name="ae-n"
            label="Sérsic index n"
            hint="1 = exponential disk, 4 = de Vaucouleurs"
            value={props.values.n}
            min={0.8}
            max={5}
            step={0.05}
            digits={2}
            onChange={(n) => props.onValues({ n })}
          />
          <LabelledSlider
            name="ae-q"
            label="Axis ratio b/a"
            hint="1 = round"
            value={props.values.q}
            min={0.1}
            max={1}
            step={0.01}
            digits={2}
            onChange={(q) => props.onValues({ q })}
          />
          <LabelledSlider
            name="ae-re"
            label="Half-light radius r_e"
            hint="pixels (0.262″ each)"
            value={props.values.re}
            min={1.5}
            max={18}
            step={0.1}
            digits={1}
            onChange={(re) => props.onValues({ re })}
          />
          <LabelledSlider
            name="ae-pa"
            label="Position angle θ"
            hint="degrees, counter-clockwise from the right"
            value={props.values.pa}
            min={0}
            max={180}
            step={1}
            digits={0}
            onChange={(pa) => props.onValues({ pa })}
          />
          <ChoiceGroup
            name="ae-base"
            legend="The 11 free units"
            options={[
              { value: "none" as const, label: "zero (parameters only)" },
              ...CLASSES.map((c) => ({ value: c, label: `average ${c}` })),
            ]}
            value={props.base}
            onChange={(base) => props.onBase(base)}
          />
        </div>
        <div class={styles.decoded}>
          <Show when={props.generated} fallback={<p class={styles.note}>Start the autoencoder to draw.</p>}>
            {(image) => <RgbTile image={image()} class={styles.bigImage} testid="ae-generated" />}
          </Show>
          <Show when={props.readBack}>
            {(b) => (
              <p class={styles.note} data-testid="ae-readback" aria-live="polite">
                The encoder reads this drawing back as n {formatNumber(b().sersicN, 2)}, b/a {formatNumber(b().axisRatio, 2)}, r_e{" "}
                {formatNumber(b().effectiveRadius, 1)} px, θ {formatNumber(degrees(b().positionAngle), 0)}°.
              </p>
            )}
          </Show>
        </div>
      </div>
    </section>
  );
}
