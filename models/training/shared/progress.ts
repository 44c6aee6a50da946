// A progress bar with rate and ETA on stderr (redrawn in place on a terminal, one line per 5% otherwise).

export interface Progress {
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60
    ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`
    : `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = performance.now();
  const tty = stream.isTTY === true;
  let lastBucket = -1;
  const line = (done: number, note: string) => {
    const frac = total > 0 ? done / total : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const elapsed = (performance.now() - start) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
    return `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}% ${done}/${total} ${clock(elapsed)} elapsed, ETA ${clock(eta)}${note ? `  ${note}` : ""}`;
  };
  return {
    update(done, note = "") {
      if (tty) {
        stream.write(`\r${line(done, note)}\u001b[K`);
        return;
      }
      const bucket = Math.floor((done / total) * 20);
      if (bucket !== lastBucket) {
        lastBucket = bucket;
        stream.write(`${line(done, note)}\n`);
      }
    },
    finish(note = "") {
      stream.write(`${tty ? "\r" : ""}${line(total, note)}${tty ? "\u001b[K" : ""}\n`);
    },
  };
}
