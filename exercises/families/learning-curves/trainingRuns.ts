import { mse, tensor } from "../../../src/lib/autodiff/index.ts";
import { Dense, Sequential, fit } from "../../../src/lib/nn/index.ts";
import { Adam } from "../../../src/lib/optim/index.ts";
import { Rng } from "../../../src/lib/random/index.ts";

/** What a learning curve shows. */
export type Regime = "overfit" | "underfit" | "good";

/** One real training run: per-epoch training and validation loss. */
export interface TrainingRun {
  regime: Regime;
  train: number[];
  val: number[];
  /**
   * The best validation loss any model can reach: the MSE of the true curve 0.8·sin(πx) itself on the
   * validation points (what is left is the noise). Plotted as a reference line, it is what tells a
   * model that stays high (underfitting) from one that reached the noise (a good fit).
   */
  floor: number;
}

/**
 * The recipe of each regime: a linear model (one Dense unit) on polynomial features x, x², …, x^degree
 * of y = 0.8·sin(πx) + noise, trained with Adam on the full batch. Capacity is the degree:
 * - underfit: degree 1, a straight line cannot follow a sine; both losses stay high and close.
 * - good: degree 3 with plenty of data; both losses fall low and stay close.
 * - overfit: degree 9 on 10 noisy points; the training loss keeps falling while the validation
 *   loss turns up once the polynomial starts threading the noise.
 */
const RECIPES: Record<Regime, { degree: number; trainPoints: number; epochs: number; lr: number }> = {
  underfit: { degree: 1, trainPoints: 40, epochs: 80, lr: 0.05 },
  good: { degree: 3, trainPoints: 60, epochs: 150, lr: 0.05 },
  overfit: { degree: 9, trainPoints: 8, epochs: 300, lr: 0.05 },
};

/** How many runs of each regime exist; a generated exercise picks one (runs are cached). */
export const RUNS_PER_REGIME = 3;

function dataset(rng: Rng, n: number): { x: number[]; y: number[] } {
  const x = Array.from({ length: n }, () => rng.uniform(-1, 1));
  return { x, y: x.map((v) => 0.8 * Math.sin(Math.PI * v) + rng.normal(0, 0.2)) };
}

function train(regime: Regime, index: number): TrainingRun {
  const recipe = RECIPES[regime];
  const rng = new Rng(`learning-curves/${regime}/${index}`);
  const trainSet = dataset(rng.fork("train"), recipe.trainPoints);
  const valSet = dataset(rng.fork("val"), 60);
  const features = (xs: number[]) =>
    tensor(
      xs.map((x) => Array.from({ length: recipe.degree }, (_, k) => x ** (k + 1))),
      undefined,
      { dtype: "float64" },
    );
  const column = (v: number[]) =>
    tensor(
      v.map((t) => [t]),
      undefined,
      { dtype: "float64" },
    );
  const model = new Sequential([new Dense(1)], { inputShape: [recipe.degree], seed: rng.fork("init"), dtype: "float64" });
  const history = fit(model, features(trainSet.x), column(trainSet.y), {
    loss: "mse",
    optimizer: new Adam({ learningRate: recipe.lr }),
    epochs: recipe.epochs,
    batchSize: recipe.trainPoints,
    shuffle: false,
    validationData: [features(valSet.x), column(valSet.y)],
  });
  const truth = column(valSet.x.map((v) => 0.8 * Math.sin(Math.PI * v)));
  return { regime, train: history.loss, val: history.valLoss, floor: mse(truth, column(valSet.y)).data[0] };
}

const cache = new Map<Regime, TrainingRun[]>();

/**
 * The runs of a regime used by exercises: the first RUNS_PER_REGIME seeds (in a fixed order) whose
 * curves really show the regime (`showsRegime`), trained by src/lib/nn on first use and cached for
 * the process. Deterministic, so exercises stay reproducible.
 */
export function trainingRuns(regime: Regime): TrainingRun[] {
  let runs = cache.get(regime);
  if (runs === undefined) {
    runs = [];
    for (let index = 0; runs.length < RUNS_PER_REGIME; index++) {
      if (index >= 30) throw new Error(`Only ${runs.length} of 30 ${regime} training runs show the regime`);
      const run = train(regime, index);
      if (showsRegime(run)) runs.push(run);
    }
    cache.set(regime, runs);
  }
  return runs;
}

/**
 * Whether a run really shows its regime (checked before it is used in an exercise):
 * overfit — validation loss ends ≥ 1.3× its minimum, reached before the last quarter, and training
 * loss ends below half the validation loss; underfit — training loss ends above 0.1 (the noise
 * floor is 0.04) and validation loss below twice that; good — validation loss ends below 0.12 and within 50 % of
 * the training loss, and never rose more than 10 % above its minimum at the end.
 */
export function showsRegime(run: TrainingRun): boolean {
  const last = (a: number[]) => a[a.length - 1];
  const minVal = Math.min(...run.val);
  const argMin = run.val.indexOf(minVal);
  const t = last(run.train);
  const v = last(run.val);
  if (run.regime === "overfit") return v >= 1.3 * minVal && argMin < 0.75 * run.val.length && t < 0.5 * v;
  if (run.regime === "underfit") return t > 0.1 && v < 2 * t;
  return v < 0.12 && v < 1.5 * t + 0.02 && v <= 1.1 * minVal;
}
