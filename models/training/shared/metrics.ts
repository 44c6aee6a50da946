// Evaluation numbers for the model cards: accuracy, confusion matrix, ROC curve and its area.

/** counts[t][p]: test images of true class t predicted as class p. */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]][predicted[i]]++;
  return m;
}

export function accuracyOf(m: number[][]): number {
  let right = 0;
  let all = 0;
  m.forEach((row, t) => row.forEach((c, p) => ((all += c), t === p && (right += c))));
  return all > 0 ? right / all : Number.NaN;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative
 * (ties count half) — the Mann–Whitney U statistic divided by n₊ n₋, computed from ranks.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1; // mean rank of the tie group (1-based)
    for (let k = i; k <= j; k++) {
      if (positive[idx[k]]) {
        nPos += 1;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** True- and false-positive rates at a threshold: P(score ≥ t | positive), P(score ≥ t | negative). */
export function ratesAt(scores: ArrayLike<number>, positive: ArrayLike<boolean>, threshold: number): { tpr: number; fpr: number } {
  let tp = 0;
  let fp = 0;
  let p = 0;
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    const above = scores[i] >= threshold ? 1 : 0;
    if (positive[i]) {
      p += 1;
      tp += above;
    } else {
      n += 1;
      fp += above;
    }
  }
  return { tpr: tp / p, fpr: fp / n };
}
