import { describe, expect, it } from "vitest";
import { formatBytes, offlineSummary, runtimeFileName, type OfflineStatus } from "./offlineStatus.ts";

const status = (saved: number, total: number, totalBytes: number): OfflineStatus => ({
  version: "abc",
  lessons: Array.from({ length: saved }, (_, i) => `lessons/l${i}/`),
  lessonTotal: total,
  precachedFiles: 1,
  precachedBytes: totalBytes,
  runtime: [],
  runtimeBytes: 0,
  totalBytes,
});

describe("offline wording", () => {
  it("formatBytes uses decimal units with one decimal for MB", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(813_306)).toBe("813 kB");
    expect(formatBytes(4_193_000)).toBe("4.2 MB");
  });
  it("offlineSummary counts the lessons saved, and says 'of' only while some are missing", () => {
    expect(offlineSummary(status(13, 13, 4_193_000))).toBe("Offline: 13 lessons, 4.2 MB");
    expect(offlineSummary(status(2, 13, 120_000))).toBe("Offline: 2 of 13 lessons, 120 kB");
    expect(offlineSummary(status(1, 1, 1000))).toBe("Offline: 1 lesson, 1 kB");
  });
  it("runtimeFileName drops Vite's content hash", () => {
    expect(runtimeFileName("_astro/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm")).toBe("ort-wasm-simd-threaded.asyncify.wasm");
    expect(runtimeFileName("_astro/model.cqHTTafG.onnx")).toBe("model.onnx");
    expect(runtimeFileName("_astro/ort.webgpu.bundle.min.CEJ-AoZm.js")).toBe("ort.webgpu.bundle.min.js");
  });
});
