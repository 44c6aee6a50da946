// Linear and log scales for the charts: the small part of d3-scale they use (map, ticks, tick labels,
// nice), about 1 kB gzipped instead of d3-scale's 11 kB. Ticks and nice domains follow d3's rules
// exactly (scales.test.ts checks them against d3), so the axes look as they did.

/** A continuous scale: maps a domain [d0, d1] onto a range [r0, r1]; what Axis.tsx draws. */
export interface Scale {
  (value: number): number;
  domain(): [number, number];
  range(): [number, number];
  /** About `count` round tick values inside the domain (d3's ticks). */
  ticks(count?: number): number[];
  /** Tick label text for ticks made with this count (d3's default ",.Nf" with N from the tick step). */
  tickFormat(count?: number): (value: number) => string;
  /** The same scale with its domain widened to round values (d3's nice). */
  nice(count?: number): Scale;
}

// d3's thresholds for choosing a tick step of 1, 2, 5 or 10 × a power of ten.
const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** d3-array's tickSpec: the first and last tick as integers i1, i2 and the step (negative: 1 / step). */
function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / Math.pow(10, power);
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  let i1: number;
  let i2: number;
  let inc: number;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** Round values from start to stop, about count of them (d3-array's ticks). */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start;
  const [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const n = i2 - i1 + 1;
  const out = new Array<number>(n);
  for (let i = 0; i < n; ++i) {
    const k = reverse ? i2 - i : i1 + i;
    out[i] = inc < 0 ? k / -inc : k * inc;
  }
  return out;
}

/** The tick step as d3's tickIncrement gives it: positive, or negative meaning 1 / |step|. */
function tickIncrement(start: number, stop: number, count: number): number {
  return tickSpec(start, stop, count)[2];
}

/** A number with `digits` decimals and thousands separators, minus as U+2212, never "−0". */
function fixed(value: number, digits: number): string {
  const s = Math.abs(value).toFixed(digits);
  const [int, frac] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = value < 0 && Number(s) !== 0 ? "−" : "";
  return sign + grouped + (frac === undefined ? "" : `.${frac}`);
}

/** A scale over a transformed axis: u = f(value) is mapped linearly from [f(d0), f(d1)] to the range. */
function continuous(
  domain: [number, number],
  range: [number, number],
  f: (v: number) => number,
  methods: Omit<Scale, "domain" | "range" | keyof ((v: number) => number)>,
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const u0 = f(d0);
  const u1 = f(d1);
  // d3 puts every value of a one-point domain at the middle of the range.
  const scale = ((v: number) => r0 + (u1 === u0 ? 0.5 : (f(v) - u0) / (u1 - u0)) * (r1 - r0)) as Scale;
  scale.domain = () => [d0, d1];
  scale.range = () => [r0, r1];
  scale.ticks = methods.ticks;
  scale.tickFormat = methods.tickFormat;
  scale.nice = methods.nice;
  return scale;
}

/** A linear scale from domain to range (d3's scaleLinear().domain(domain).range(range)). */
export function linearScale(
  domain: readonly [number, number] | readonly number[],
  range: readonly [number, number] | readonly number[],
): Scale {
  const d: [number, number] = [domain[0], domain[domain.length - 1]];
  const r: [number, number] = [range[0], range[range.length - 1]];
  return continuous(d, r, (v) => v, {
    ticks: (count = 10) => ticks(d[0], d[1], count),
    tickFormat: (count = 10) => {
      // d3's precisionFixed: as many decimals as the tick step has (a negative increment means 1 / step).
      const inc = tickIncrement(Math.min(...d), Math.max(...d), count);
      const step = inc < 0 ? 1 / -inc : inc;
      const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-12));
      return (v) => fixed(v, digits);
    },
    nice: (count = 10) => {
      // d3's linearish nice: round the ends out to the tick step until the step stops changing.
      const reverse = d[1] < d[0];
      let start = reverse ? d[1] : d[0];
      let stop = reverse ? d[0] : d[1];
      let prestep: number | undefined;
      for (let i = 0; i < 10; i++) {
        const step = tickIncrement(start, stop, count);
        if (step === prestep) break;
        if (step > 0) {
          start = Math.floor(start / step) * step;
          stop = Math.ceil(stop / step) * step;
        } else if (step < 0) {
          start = Math.ceil(start * step) / step;
          stop = Math.floor(stop * step) / step;
        } else break;
        prestep = step;
      }
      return linearScale(reverse ? [stop, start] : [start, stop], r);
    },
  });
}

/** 10^x as d3 computes it for base 10 (exact for integer x). */
const pow10 = (x: number) => (Number.isFinite(x) ? Number(`1e${x}`) : x < 0 ? 0 : x);

/** A base-10 log scale from a positive domain to range (d3's scaleLog().domain(domain).range(range)). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const d: [number, number] = [domain[0], domain[1]];
  const r: [number, number] = [range[0], range[1]];
  return continuous(d, r, Math.log10, {
    ticks: (count = 10) => {
      // d3's log ticks: 1–9 × each power of ten when there are fewer decades than ticks wanted,
      // else powers of ten only; linear ticks when the domain holds too few of those.
      const reverse = d[1] < d[0];
      const [u, v] = reverse ? [d[1], d[0]] : d;
      let i = Math.log10(u);
      let j = Math.log10(v);
      let z: number[] = [];
      if (j - i < count) {
        i = Math.floor(i);
        j = Math.ceil(j);
        for (; i <= j; ++i) {
          for (let k = 1; k < 10; ++k) {
            const t = i < 0 ? k / pow10(-i) : k * pow10(i);
            if (t < u) continue;
            if (t > v) break;
            z.push(t);
          }
        }
        if (z.length * 2 < count) z = ticks(u, v, count);
      } else {
        z = ticks(i, j, Math.min(j - i, count)).map(pow10);
      }
      return reverse ? z.reverse() : z;
    },
    // The charts label log axes with their own format; this plain one (up to 12 significant digits)
    // is only a fallback, simpler than d3's.
    tickFormat: () => (v) => String(Number(v.toPrecision(12))).replace("-", "−"),
    nice: () => {
      const reverse = d[1] < d[0];
      const [u, v] = reverse ? [d[1], d[0]] : d;
      const lo = pow10(Math.floor(Math.log10(u)));
      const hi = pow10(Math.ceil(Math.log10(v)));
      return logScale(reverse ? [hi, lo] : [lo, hi], r);
    },
  });
}
