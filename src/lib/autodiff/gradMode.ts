let enabled = true;

/** Whether new ops record the graph (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` without recording the graph: results have requiresGrad = false and keep no parents, so
 * inference and parameter updates cost no memory for backward. Nests; restores the mode on throw.
 */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
