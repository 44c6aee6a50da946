import { For, Index, Show, createMemo, createSignal, createUniqueId, mergeProps, onCleanup, onMount } from "solid-js";
import { SURVEYS } from "../../lib/astro/surveys.ts";
import type { Survey, SurveyId, SurveyMetric } from "../../lib/astro/surveys.ts";
import {
  DEFAULT_WIDTH,
  HIT_RADIUS,
  METRICS,
  METRIC_ORDER,
  POINT_RADIUS,
  chartLayout,
  describeChart,
  readoutLines,
} from "./surveyChartModel.ts";
import styles from "./surveyChart.module.css";

export type SurveyChartProps = {
  /** Quantity plotted first (the reader can switch). Default: archive volume. */
  metric?: SurveyMetric;
  /** Surveys to plot. Default: the lesson's four (2MASS, SDSS, Rubin/LSST, SKA). */
  surveys?: readonly Survey[];
};

/**
 * Archive volume or data rate of sky surveys against first-light year, on a log axis.
 * Points answer hover, keyboard focus and tap with a readout below the chart; the figure carries a
 * caption and a text description for screen readers.
 */
export function SurveyChart(props: SurveyChartProps) {
  const merged = mergeProps({ metric: "archiveTB" as SurveyMetric, surveys: SURVEYS }, props);
  // Ids tie the svg to its caption and description; createUniqueId matches between SSR and hydration.
  const uid = createUniqueId();
  const captionId = `survey-chart-caption-${uid}`;
  const descId = `survey-chart-desc-${uid}`;

  // The initial metric comes from props; afterwards the toggle owns it (a widget-local choice).
  const [metric, setMetric] = createSignal<SurveyMetric>(merged.metric);
  // Laid out at DEFAULT_WIDTH on the server, then at the container's real width once mounted, so
  // labels keep their pixel size on narrow screens rather than shrinking with a viewBox.
  const [width, setWidth] = createSignal(DEFAULT_WIDTH);
  // Motion is switched on only after the first measurement, so points do not slide from their
  // server-rendered positions when the page loads.
  const [animate, setAnimate] = createSignal(false);
  // The readout follows the most recent pointer or focus event (so hovering one point and then
  // tabbing to another shows the focused one); a tap pins a point for when nothing else is active.
  const [active, setActive] = createSignal<SurveyId | null>(null);
  const [focused, setFocused] = createSignal<SurveyId | null>(null);
  const [pinned, setPinned] = createSignal<SurveyId | null>(null);

  const layout = createMemo(() => chartLayout({ width: width(), metric: metric(), surveys: merged.surveys }));
  const shownId = () => active() ?? pinned();
  const shownSurvey = () => merged.surveys.find((s) => s.id === shownId());
  const shownPoint = () => layout().points.find((p) => p.id === shownId());

  let canvas: HTMLDivElement | undefined;
  onMount(() => {
    if (!canvas) return;
    const measure = () => {
      const w = Math.round(canvas?.clientWidth ?? DEFAULT_WIDTH);
      if (w > 0) setWidth(w);
    };
    measure();
    requestAnimationFrame(() => requestAnimationFrame(() => setAnimate(true)));
    const observer = new ResizeObserver(measure);
    observer.observe(canvas);
    onCleanup(() => observer.disconnect());
  });

  return (
    <figure class={styles.root} data-widget="survey-chart" data-metric={metric()} data-animate={animate() ? "on" : "off"}>
      <fieldset class={styles.toggle}>
        <legend class={styles.legend}>Plot</legend>
        <div class={styles.options}>
          <For each={METRIC_ORDER}>
            {(m) => (
              <label class={styles.option}>
                <input type="radio" name={`survey-chart-metric-${uid}`} value={m} checked={metric() === m} onChange={() => setMetric(m)} />
                <span>{METRICS[m].label}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>

      <div class={styles.canvas} ref={canvas}>
        <svg
          class={styles.svg}
          viewBox={`0 0 ${layout().width} ${layout().height}`}
          width="100%"
          role="group"
          aria-labelledby={captionId}
          aria-describedby={descId}
        >
          {/* Decade gridlines and their labels. */}
          <g aria-hidden="true">
            <For each={layout().yTicks}>
              {(tick) => (
                <g>
                  <line class={styles.grid} x1={layout().plot.left} x2={layout().plot.right} y1={tick.position} y2={tick.position} />
                  <text class={styles.tick} x={layout().plot.left - 8} y={tick.position} dy="0.35em" text-anchor="end">
                    {tick.label}
                  </text>
                </g>
              )}
            </For>
            <For each={layout().xTicks}>
              {(tick) => (
                <g>
                  <line class={styles.axis} x1={tick.position} x2={tick.position} y1={layout().plot.bottom} y2={layout().plot.bottom + 5} />
                  <text class={styles.tick} x={tick.position} y={layout().plot.bottom + 20} text-anchor="middle">
                    {tick.label}
                  </text>
                </g>
              )}
            </For>
            <line
              class={styles.axis}
              x1={layout().plot.left}
              x2={layout().plot.right}
              y1={layout().plot.bottom}
              y2={layout().plot.bottom}
            />
            <text class={styles.axisTitle} x={0} y={16}>
              {layout().yTitle}
            </text>
            <text class={styles.axisTitle} x={(layout().plot.left + layout().plot.right) / 2} y={layout().height - 8} text-anchor="middle">
              {layout().xTitle}
            </text>
            <path class={styles.trend} d={layout().trendPath} />
          </g>

          {/* Guides from the shown point to both axes, so its year and value can be read off. */}
          <Show when={shownPoint()}>
            {(point) => (
              <g aria-hidden="true" class={styles.guides}>
                <line x1={layout().plot.left} x2={point().cx} y1={point().cy} y2={point().cy} />
                <line x1={point().cx} x2={point().cx} y1={point().cy} y2={layout().plot.bottom} />
              </g>
            )}
          </Show>

          {/* Index (not For) keeps one DOM node per survey across metric and width changes, so
              points glide to their new places and a focused point keeps its focus. */}
          <Index each={layout().points}>
            {(point) => (
              <g
                class={styles.point}
                classList={{ [styles.active]: shownId() === point().id }}
                style={{ transform: `translate(${point().cx}px, ${point().cy}px)` }}
                data-survey={point().id}
                tabindex="0"
                role="img"
                aria-label={point().ariaLabel}
                onPointerEnter={() => setActive(point().id)}
                onPointerLeave={() => {
                  if (active() === point().id) setActive(focused());
                }}
                onFocus={() => {
                  setFocused(point().id);
                  setActive(point().id);
                }}
                onBlur={() => {
                  setFocused(null);
                  if (active() === point().id) setActive(null);
                }}
                // A tap (or click) pins the readout, a second tap on the same point unpins it.
                onClick={() => setPinned((current) => (current === point().id ? null : point().id))}
                onKeyDown={(event) => {
                  if (event.key === "Escape") setPinned(null);
                }}
              >
                {/* A larger transparent circle makes the target easy to hit with a finger. */}
                <circle class={styles.hit} r={HIT_RADIUS} />
                <circle class={styles.ring} r={POINT_RADIUS + 5} />
                <circle class={styles.dot} r={POINT_RADIUS} />
              </g>
            )}
          </Index>

          {/* Name labels sit outside the focusable groups so each group's box is just its hit
              circle (pointer tests and focus rings centre on the marker, not on marker + label). */}
          <g aria-hidden="true">
            <Index each={layout().points}>
              {(point) => (
                <text
                  class={styles.label}
                  style={{ transform: `translate(${point().labelX}px, ${point().labelY}px)` }}
                  text-anchor={point().labelAnchor}
                >
                  {point().shortName}
                </text>
              )}
            </Index>
          </g>
        </svg>
      </div>

      <div class={styles.readout} data-testid="survey-readout" data-active={shownId() ?? ""}>
        <Show when={shownSurvey()} fallback={<p class={styles.hint}>Hover, tap or Tab to a survey to read its numbers.</p>}>
          {(survey) => (
            <>
              <p class={styles.readoutTitle}>{readoutLines(survey(), metric()).title}</p>
              <ul class={styles.readoutValues}>
                <For each={readoutLines(survey(), metric()).values}>{(value) => <li>{value}</li>}</For>
              </ul>
            </>
          )}
        </Show>
      </div>

      <p id={descId} class="visually-hidden">
        {describeChart(metric(), merged.surveys)}
      </p>
      <figcaption id={captionId} class={styles.caption}>
        How much data sky surveys produce, by year of first light. The vertical axis is logarithmic: each gridline is ten times the one
        below it. The dashed line is the exponential trend through the points — a factor of ten every {layout().tenfoldYears.toFixed(1)}{" "}
        years.
      </figcaption>
    </figure>
  );
}
