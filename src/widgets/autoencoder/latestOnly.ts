/**
 * Runs one decoder call at a time and, while one runs, keeps only the latest request: dragging a
 * point fires dozens of moves a second, and only the newest position is worth decoding.
 */
export function latestOnly<T>(work: (input: T) => Promise<void>): (input: T) => void {
  let running = false;
  let pending: { input: T } | null = null;
  const pump = async () => {
    while (pending) {
      const { input } = pending;
      pending = null;
      running = true;
      try {
        await work(input);
      } finally {
        running = false;
      }
    }
  };
  return (input) => {
    pending = { input };
    if (!running) void pump();
  };
}
