import { For, Index, Show, createUniqueId, mergeProps } from "solid-js";
import { HIDDEN_ACTIVATIONS, MAX_LAYERS, MAX_UNITS, OPTIMIZERS } from "./networkSpec.ts";
import type { HiddenActivation, TrainerOptimizer, TrainerState } from "./networkSpec.ts";
import styles from "./architectureEditor.module.css";

export type ArchitectureEditorProps = {
  state: TrainerState;
  update: (patch: Partial<TrainerState>) => void;
  /** Also show the training settings (batch, epochs, validation, regularisation, early stopping). */
  training?: boolean;
  /** Disable every control (e.g. while a run is in progress). */
  disabled?: boolean;
};

export const ACTIVATION_LABELS: Record<HiddenActivation, string> = {
  relu: "ReLU",
  tanh: "tanh",
  sigmoid: "sigmoid",
  leakyRelu: "leaky ReLU",
  elu: "ELU",
  linear: "linear (none)",
};

export const OPTIMIZER_LABELS: Record<TrainerOptimizer, string> = {
  sgd: "SGD",
  momentum: "SGD + momentum",
  nesterov: "Nesterov",
  adagrad: "AdaGrad",
  rmsprop: "RMSProp",
  adam: "Adam",
};

const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.02, 0.03, 0.1, 0.3, 1, 3];
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
const L2_VALUES = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1];
const DROPOUT_VALUES = [0, 0.1, 0.2, 0.3, 0.5];
const SPLITS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];

/** The current value added to a list of choices if it is not one of them (values from a URL). */
function withValue(values: readonly number[], value: number): number[] {
  return values.includes(value) ? [...values] : [...values, value].sort((a, b) => a - b);
}

/**
 * The network's architecture (hidden layers, their units and activation) and optimizer, and — for
 * the trainer — the training settings. Native buttons, selects and number boxes, all labelled.
 */
export function ArchitectureEditor(props: ArchitectureEditorProps) {
  const merged = mergeProps({ training: true, disabled: false }, props);
  const id = createUniqueId();
  const setUnits = (i: number, units: number) => {
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) return;
    merged.update({ layers: merged.state.layers.map((u, k) => (k === i ? units : u)) });
  };
  const removeLayer = (i: number) => merged.update({ layers: merged.state.layers.filter((_, k) => k !== i) });
  const addLayer = () => {
    const layers = merged.state.layers;
    if (layers.length < MAX_LAYERS) merged.update({ layers: [...layers, layers[layers.length - 1] ?? 8] });
  };

  return (
    <div class={styles.editor} data-testid="architecture">
      <fieldset class={styles.layers} disabled={merged.disabled}>
        <legend>
          Hidden layers ({merged.state.layers.length}/{MAX_LAYERS})
        </legend>
        <Show when={merged.state.layers.length === 0}>
          <p class={styles.hint}>No hidden layer: the network is a linear model (logistic regression for classes).</p>
        </Show>
        <ol class={styles.layerList}>
          <Index each={merged.state.layers}>
            {(units, i) => (
              <li class={styles.layerRow} data-layer={i}>
                <label for={`${id}-units-${i}`}>Layer {i + 1} units</label>
                <button
                  type="button"
                  class={`button ${styles.small}`}
                  aria-label={`Fewer units in layer ${i + 1}`}
                  disabled={units() <= 1}
                  onClick={() => setUnits(i, units() - 1)}
                >
                  −
                </button>
                <input
                  id={`${id}-units-${i}`}
                  class={styles.unitsInput}
                  type="number"
                  min="1"
                  max={MAX_UNITS}
                  step="1"
                  value={units()}
                  onChange={(e) => {
                    const v = Number(e.currentTarget.value);
                    if (Number.isInteger(v) && v >= 1 && v <= MAX_UNITS) setUnits(i, v);
                    else e.currentTarget.value = String(units());
                  }}
                />
                <button
                  type="button"
                  class={`button ${styles.small}`}
                  aria-label={`More units in layer ${i + 1}`}
                  disabled={units() >= MAX_UNITS}
                  onClick={() => setUnits(i, units() + 1)}
                >
                  +
                </button>
                <button type="button" class={`button ${styles.small}`} aria-label={`Remove layer ${i + 1}`} onClick={() => removeLayer(i)}>
                  Remove
                </button>
              </li>
            )}
          </Index>
        </ol>
        <button type="button" class="button" data-action="add-layer" disabled={merged.state.layers.length >= MAX_LAYERS} onClick={addLayer}>
          + Add a hidden layer
        </button>
      </fieldset>

      <div class={styles.selects}>
        <label class={styles.field}>
          <span>Activation (hidden layers)</span>
          <select
            data-control="act"
            disabled={merged.disabled}
            value={merged.state.act}
            onChange={(e) => merged.update({ act: e.currentTarget.value as HiddenActivation })}
          >
            <For each={HIDDEN_ACTIVATIONS}>{(a) => <option value={a}>{ACTIVATION_LABELS[a]}</option>}</For>
          </select>
        </label>
        <label class={styles.field}>
          <span>Optimizer</span>
          <select
            data-control="opt"
            disabled={merged.disabled}
            value={merged.state.opt}
            onChange={(e) => merged.update({ opt: e.currentTarget.value as TrainerOptimizer })}
          >
            <For each={OPTIMIZERS}>{(o) => <option value={o}>{OPTIMIZER_LABELS[o]}</option>}</For>
          </select>
        </label>
        <label class={styles.field}>
          <span>Learning rate η</span>
          <select
            data-control="lr"
            disabled={merged.disabled}
            value={String(merged.state.lr)}
            onChange={(e) => merged.update({ lr: Number(e.currentTarget.value) })}
          >
            <For each={withValue(LEARNING_RATES, merged.state.lr)}>{(v) => <option value={String(v)}>{v}</option>}</For>
          </select>
        </label>
        <label class={styles.field}>
          <span>L2 weight decay λ</span>
          <select
            data-control="l2"
            disabled={merged.disabled}
            value={String(merged.state.l2)}
            onChange={(e) => merged.update({ l2: Number(e.currentTarget.value) })}
          >
            <For each={withValue(L2_VALUES, merged.state.l2)}>{(v) => <option value={String(v)}>{v === 0 ? "0 (off)" : v}</option>}</For>
          </select>
        </label>
        <label class={styles.field}>
          <span>Dropout rate</span>
          <select
            data-control="dropout"
            disabled={merged.disabled}
            value={String(merged.state.dropout)}
            onChange={(e) => merged.update({ dropout: Number(e.currentTarget.value) })}
          >
            <For each={withValue(DROPOUT_VALUES, merged.state.dropout)}>
              {(v) => <option value={String(v)}>{v === 0 ? "0 (off)" : v}</option>}
            </For>
          </select>
        </label>
        <Show when={merged.training}>
          <label class={styles.field}>
            <span>Batch size</span>
            <select
              data-control="batch"
              disabled={merged.disabled}
              value={String(merged.state.batch)}
              onChange={(e) => merged.update({ batch: Number(e.currentTarget.value) })}
            >
              <For each={withValue(BATCH_SIZES, merged.state.batch)}>{(v) => <option value={String(v)}>{v}</option>}</For>
            </select>
          </label>
          <label class={styles.field}>
            <span>Epochs</span>
            <input
              data-control="epochs"
              type="number"
              min="1"
              max="3000"
              step="1"
              disabled={merged.disabled}
              value={merged.state.epochs}
              onChange={(e) => {
                const v = Number(e.currentTarget.value);
                if (Number.isInteger(v) && v >= 1 && v <= 3000) merged.update({ epochs: v });
                else e.currentTarget.value = String(merged.state.epochs);
              }}
            />
          </label>
          <label class={styles.field}>
            <span>Validation split</span>
            <select
              data-control="val"
              disabled={merged.disabled}
              value={String(merged.state.val)}
              onChange={(e) => merged.update({ val: Number(e.currentTarget.value) })}
            >
              <For each={withValue(SPLITS, merged.state.val)}>{(v) => <option value={String(v)}>{Math.round(v * 100)} %</option>}</For>
            </select>
          </label>
          <div class={styles.field}>
            <label class={styles.check}>
              <input
                type="checkbox"
                data-control="es"
                disabled={merged.disabled}
                checked={merged.state.es}
                onChange={(e) => merged.update({ es: e.currentTarget.checked })}
              />
              Early stopping
            </label>
            <label class={styles.inline}>
              <span>patience</span>
              <input
                data-control="patience"
                type="number"
                min="1"
                max="500"
                step="1"
                disabled={merged.disabled || !merged.state.es}
                value={merged.state.patience}
                onChange={(e) => {
                  const v = Number(e.currentTarget.value);
                  if (Number.isInteger(v) && v >= 1 && v <= 500) merged.update({ patience: v });
                  else e.currentTarget.value = String(merged.state.patience);
                }}
              />
            </label>
          </div>
        </Show>
      </div>
    </div>
  );
}
