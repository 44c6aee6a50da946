// What the service worker reports about this device's offline copy, and how pages word it.
// The numbers are the build's own file sizes (src/build/precacheManifest.ts) for the files the
// worker's caches hold now, so "4.1 MB" is what the course takes, not an estimate.

/** The worker's answer to {type: "status"} (src/pwa/serviceWorker.js, offlineStatus()). */
export interface OfflineStatus {
  version: string;
  /** Lesson page URLs saved, relative to the site's base ("lessons/backpropagation/"). */
  lessons: string[];
  lessonTotal: number;
  precachedFiles: number;
  precachedBytes: number;
  /** Runtime and model files cached on first use. */
  runtime: { url: string; bytes: number }[];
  runtimeBytes: number;
  totalBytes: number;
}

/** Bytes as the learner reads them: "812 kB", "4.1 MB" (decimal units, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** One footer line: "Offline: 13 lessons, 4.1 MB" (lessons saved of those that exist). */
export function offlineSummary(status: OfflineStatus): string {
  const lessons =
    status.lessons.length === status.lessonTotal ? `${status.lessonTotal}` : `${status.lessons.length} of ${status.lessonTotal}`;
  return `Offline: ${lessons} ${status.lessonTotal === 1 ? "lesson" : "lessons"}, ${formatBytes(status.totalBytes)}`;
}

/** A short name for a runtime file: "ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm" → "ort-wasm-simd-threaded.asyncify.wasm". */
export function runtimeFileName(url: string): string {
  const name = url.slice(url.lastIndexOf("/") + 1);
  // Vite's content hash sits before the extension: name.<hash>.ext
  return name.replace(/\.[A-Za-z0-9_-]{8}(\.[a-z0-9]+)$/, "$1");
}

/** Asks a worker for its status over a MessageChannel; null if it does not answer within `timeoutMs`. */
export function askStatus(worker: ServiceWorker, timeoutMs = 5000): Promise<OfflineStatus | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (event: MessageEvent) => {
      clearTimeout(timer);
      const data = event.data as OfflineStatus | { error: string };
      resolve("error" in data ? null : data);
    };
    worker.postMessage({ type: "status" }, [channel.port2]);
  });
}
