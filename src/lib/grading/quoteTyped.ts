/** The longest stretch of a learner's input a message repeats back, in characters. */
export const QUOTE_LIMIT = 40;

/**
 * What the learner typed, in curly quotes, for a message: shortened to its first characters and "…"
 * when long, so a pasted paragraph neither floods the live region a screen reader reads out nor
 * widens the page.
 */
export function quoteTyped(text: string): string {
  const chars = Array.from(text);
  const shown = chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT - 1).join("")}…` : text;
  return `“${shown}”`;
}
