// Browser helpers shared by the teaching islands (call them from event handlers or onMount only).
import type { MathRenderer } from "../exercise-ui/renderPrompt.ts";

/** Saves data as a file through a temporary link (no server involved). */
export function downloadFile(name: string, data: string | Uint8Array, type: string): void {
  const part: BlobPart = typeof data === "string" ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies text; falls back to selecting the field so the user can copy by hand. */
export async function copyText(text: string, field?: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return false;
  }
}

/** KaTeX's renderToString as the exercise renderer expects it (loaded on demand: it is large). */
export async function loadMath(): Promise<MathRenderer> {
  const katex = (await import("katex")).default;
  return (tex: string, display: boolean) => katex.renderToString(tex, { displayMode: display, throwOnError: true });
}

/** A random 32-bit word from the browser's crypto. */
export function randomWord(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]!;
}

/** Reads localStorage without throwing (private modes, disabled storage). */
export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
