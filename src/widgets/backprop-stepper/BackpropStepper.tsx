import { linkHorizontal } from "d3";
import { For, Show, createEffect, createMemo, createUniqueId, mergeProps } from "solid-js";
import { useUrlState } from "../shared/useUrlState.ts";
import { UrlNotice } from "../shared/UrlNotice.tsx";
import { TeX } from "../shared/TeX.tsx";
import { reportChallengeComplete } from "../shared/challenge.ts";
import {
  INPUT_NAMES,
  NODE_TEXT,
  PARAM_NAMES,
  backpropSchema,
  backwardTex,
  flipSignDone,
  formatNumber,
  forwardTex,
  snapshot,
  stepView,
  totalSteps,
  valuesOf,
} from "./backpropStepperModel.ts";
import type { GraphNode, NetworkValues, NodeId, ValueName } from "./backpropStepperModel.ts";
import { NumberBox } from "../shared/NumberBox.tsx";
import styles from "./backpropStepper.module.css";
import "../shared/palette.css";

export type BackpropStepperProps = {
  /** Prefix of this widget's URL parameters. Default "bp". */
  urlPrefix?: string;
  /** Challenge id reported when the learner flips the sign of ∂E/∂w₁ through the target alone. */
  challengeId?: string;
};

const NODE_RADIUS = 16;
const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/**
 * The backprop stepper: the engine's computational graph of a 2-2-1 network, stepped forward node
 * by node and then backward gradient by gradient, with the selected node's forward formula and
 * chain-rule product typeset with its numbers, and a finite-difference check for every parameter.
 */
export function BackpropStepper(props: BackpropStepperProps) {
  const merged = mergeProps({ urlPrefix: "bp", challengeId: "backprop-flip-sign" }, props);
  const uid = createUniqueId();
  const url = useUrlState(backpropSchema, merged.urlPrefix);

  const values = createMemo<NetworkValues>(() => valuesOf(url.state()), valuesOf(url.state()), {
    equals: (a, b) => (Object.keys(a) as ValueName[]).every((k) => a[k] === b[k]),
  });
  const snap = createMemo(() => snapshot(values()));
  const graph = () => snap().graph;
  const total = () => totalSteps(graph());
  const view = createMemo(() => stepView(graph(), url.state().step));
  const nodeById = createMemo(() => new Map(graph().nodes.map((n) => [n.id, n])));
  const selectedId = (): NodeId | null => {
    const chosen = url.state().node;
    return chosen === "auto" ? view().current : chosen;
  };
  const selected = () => {
    const id = selectedId();
    return id === null ? undefined : nodeById().get(id);
  };

  const setStep = (step: number) => url.update({ step: Math.max(0, Math.min(total(), step)) });
  const setValue = (name: ValueName, value: number) => url.update({ [name]: value } as Partial<ReturnType<typeof url.state>>);

  createEffect(() => {
    if (flipSignDone(values(), view(), snap()))
      reportChallengeComplete(merged.challengeId, "∂E/∂w₁ is positive now: the error changed sign, and so did every gradient.");
  });

  const nodeClass = (n: GraphNode) =>
    [
      styles.node,
      styles[n.kind],
      view().current === n.id ? styles.current : "",
      selectedId() === n.id ? styles.selected : "",
      view().hasValue.has(n.id) ? "" : styles.pending,
    ].join(" ");

  const describeGraph = () => {
    const v = view();
    const known = graph().nodes.filter((n) => v.hasValue.has(n.id));
    const grads = graph().nodes.filter((n) => v.hasGrad.has(n.id));
    return (
      `Computational graph of a network with inputs x₁, x₂, two sigmoid hidden units h₁, h₂, a linear output ŷ and the loss E = ½(ŷ − y)². ` +
      `${v.description} Values: ${known.map((n) => `${n.text} = ${formatNumber(n.value)}`).join(", ")}.` +
      (grads.length ? ` Gradients: ${grads.map((n) => `∂E/∂${n.text} = ${formatNumber(n.grad)}`).join(", ")}.` : "")
    );
  };

  const revealed = (name: string) => view().hasGrad.has(name as NodeId);

  return (
    <figure class={styles.root} data-widget="backprop-stepper" data-step={view().step} data-phase={view().phase}>
      <UrlNotice problems={url.problems()} />

      <div class={styles.toolbar} role="group" aria-label="Step through the passes">
        <button type="button" class="button" onClick={() => setStep(0)} disabled={view().step === 0}>
          Restart
        </button>
        <button type="button" class="button" data-action="back" onClick={() => setStep(view().step - 1)} disabled={view().step === 0}>
          ◀ Step back
        </button>
        <button
          type="button"
          class="button primary"
          data-action="step"
          onClick={() => setStep(view().step + 1)}
          disabled={view().step === total()}
        >
          {view().step < graph().forwardOrder.length ? "Step forward ▶" : "Step backward ▶"}
        </button>
        <button
          type="button"
          class="button"
          data-action="forward-end"
          onClick={() => setStep(graph().forwardOrder.length)}
          disabled={view().step === graph().forwardOrder.length}
        >
          Forward pass
        </button>
        <button type="button" class="button" data-action="end" onClick={() => setStep(total())} disabled={view().step === total()}>
          Both passes
        </button>
      </div>
      <p class={styles.status} role="status" data-testid="bp-status">
        {view().description}
      </p>

      <div
        class={styles.graphScroll}
        tabindex="0"
        role="region"
        aria-label="Computational graph (scrolls sideways on small screens; arrow keys step)"
        onKeyDown={(event) => {
          if (event.key === "ArrowRight") setStep(view().step + 1);
          else if (event.key === "ArrowLeft") setStep(view().step - 1);
          else return;
          event.preventDefault();
        }}
      >
        <svg
          class={styles.graph}
          viewBox={`0 0 ${graph().width} ${graph().height}`}
          role="img"
          aria-label="Computational graph of the network"
          aria-describedby={`bp-desc-${uid}`}
          data-testid="bp-graph"
        >
          <g aria-hidden="true">
            <For each={graph().links}>
              {(l) => {
                const s = () => nodeById().get(l.source) as GraphNode;
                const t = () => nodeById().get(l.target) as GraphNode;
                return (
                  <path
                    class={styles.link}
                    classList={{
                      [styles.linkGrad]: view().hasGrad.has(l.target) && l.local !== null,
                      [styles.linkSelected]: selectedId() === l.source || selectedId() === l.target,
                    }}
                    d={link({ source: [s().x + NODE_RADIUS, s().y], target: [t().x - NODE_RADIUS, t().y] }) ?? ""}
                  />
                );
              }}
            </For>
          </g>
          <For each={graph().nodes}>
            {(n) => (
              <g
                class={nodeClass(n)}
                transform={`translate(${n.x} ${n.y})`}
                data-node={n.id}
                aria-hidden="true"
                onClick={() => url.update({ node: n.id })}
              >
                <circle class={styles.hit} r={NODE_RADIUS + 6} />
                <circle class={styles.disc} r={NODE_RADIUS} />
                <text class={styles.symbol} dy="0.35em" text-anchor="middle">
                  {n.text}
                </text>
                <Show when={n.symbol}>
                  <circle class={styles.badge} cx={-NODE_RADIUS + 2} cy={-NODE_RADIUS + 2} r={7.5} />
                  <text class={styles.badgeText} x={-NODE_RADIUS + 2} y={-NODE_RADIUS + 2} dy="0.35em" text-anchor="middle">
                    {n.symbol}
                  </text>
                </Show>
                <Show when={view().hasValue.has(n.id)}>
                  <text class={styles.value} y={NODE_RADIUS + 13} text-anchor="middle">
                    {formatNumber(n.value)}
                  </text>
                </Show>
                <Show when={view().hasGrad.has(n.id)}>
                  <text class={styles.grad} y={NODE_RADIUS + 26} text-anchor="middle" data-grad={n.id}>
                    ∂{formatNumber(n.grad)}
                  </text>
                </Show>
              </g>
            )}
          </For>
        </svg>
      </div>
      <p id={`bp-desc-${uid}`} class="visually-hidden">
        {describeGraph()}
      </p>
      <p class={styles.legend}>
        <span class={`${styles.key} ${styles.keyParam}`}>parameter</span>
        <span class={`${styles.key} ${styles.keyInput}`}>input</span>
        <span class={`${styles.key} ${styles.keyTarget}`}>target</span>
        <span class={`${styles.key} ${styles.keyOp}`}>operation</span> Under each node: its value, then ∂E/∂node (after ∂) once the backward
        pass reaches it. Tap a node to inspect it.
      </p>

      <section class={styles.inspect} aria-labelledby={`bp-inspect-${uid}`} data-testid="bp-inspect">
        <div class={styles.inspectHead}>
          <h3 id={`bp-inspect-${uid}`} class={styles.h3}>
            Inspect
          </h3>
          <label class={styles.pick}>
            Node{" "}
            <select
              value={url.state().node}
              onChange={(e) => url.update({ node: e.currentTarget.value as NodeId | "auto" })}
              data-testid="bp-node"
            >
              <option value="auto">follow the steps</option>
              <For each={graph().nodes}>{(n) => <option value={n.id}>{n.text}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={selected()} fallback={<p class={styles.hint}>Step forward, or pick a node, to see its formula.</p>}>
          {(node) => (
            <>
              <p class={styles.phaseLabel}>Forward</p>
              <Show
                when={view().hasValue.has(node().id)}
                fallback={<p class={styles.hint}>Not computed yet: step forward until {node().text} is reached.</p>}
              >
                <TeX tex={forwardTex(node(), nodeById())} data-testid="bp-forward-tex" />
              </Show>
              <p class={styles.phaseLabel}>Backward (chain rule)</p>
              <Show
                when={view().hasGrad.has(node().id)}
                fallback={
                  <p class={styles.hint}>
                    {node().grad === null
                      ? `${node().text} is not trained, so the backward pass sends it no gradient.`
                      : `Not reached yet: the backward pass gets to ∂E/∂${node().text} after every node that uses ${node().text}.`}
                  </p>
                }
              >
                <TeX tex={backwardTex(node(), graph())} data-testid="bp-backward-tex" />
              </Show>
            </>
          )}
        </Show>
      </section>

      <div class={styles.edit}>
        <fieldset class={styles.inputs}>
          <legend>Sample: inputs and target</legend>
          <For each={INPUT_NAMES}>
            {(name) => (
              <NumberBox
                label={NODE_TEXT[name]}
                name={name}
                value={values()[name]}
                min={-10}
                max={10}
                onChange={(v) => setValue(name, v)}
              />
            )}
          </For>
          <p class={styles.loss}>
            Prediction ŷ = <output data-testid="bp-yhat">{formatNumber(nodeById().get("yhat")?.value ?? 0)}</output>, loss E ={" "}
            <output data-testid="bp-loss">{formatNumber(snap().loss)}</output>
          </p>
        </fieldset>

        <div>
          <h3 id={`bp-params-${uid}`} class={styles.tableTitle}>
            Parameters: backprop gradient beside a finite-difference check
          </h3>
          <div class={styles.tableWrap} tabindex="0" role="region" aria-labelledby={`bp-params-${uid}`}>
            <table class={styles.table} data-testid="bp-params" aria-labelledby={`bp-params-${uid}`}>
              <thead>
                <tr>
                  <th scope="col">θ</th>
                  <th scope="col">value</th>
                  <th scope="col">∂E/∂θ (backprop)</th>
                  <th scope="col">finite difference</th>
                  <th scope="col">agree?</th>
                </tr>
              </thead>
              <tbody>
                <For each={snap().checks}>
                  {(check) => (
                    <tr data-param={check.name}>
                      <th scope="row">{NODE_TEXT[check.name]}</th>
                      <td>
                        <NumberBox
                          label={`value of ${NODE_TEXT[check.name]}`}
                          hideLabel
                          name={check.name}
                          value={values()[check.name]}
                          min={-10}
                          max={10}
                          onChange={(v) => setValue(check.name, v)}
                        />
                      </td>
                      <td data-cell="analytic">{revealed(check.name) ? formatNumber(check.analytic) : "—"}</td>
                      <td data-cell="numeric">{formatNumber(check.numeric)}</td>
                      <td data-cell="agree">
                        {revealed(check.name) ? (check.agrees ? `✓ (Δ ${check.difference.toExponential(0)})` : "✗") : "—"}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </div>
      </div>
      <p class={styles.note}>
        The finite difference nudges one parameter by ε = 10⁻⁶ each way and re-runs the forward pass: (E(θ+ε) − E(θ−ε)) / 2ε. The backprop
        column fills in as the backward pass reaches each parameter.
      </p>
      <figcaption class={styles.caption}>
        A 2-2-1 network on one sample: z = w·x + b, h = σ(z), ŷ = w₅h₁ + w₆h₂ + b₃, E = ½(ŷ − y)². Every number is computed by the course's
        autodiff engine; {PARAM_NAMES.length} parameters are trained.
      </figcaption>
    </figure>
  );
}
