import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildManifest, roleOf, totalBytes, urlOf, type BuiltFile } from "./precacheManifest.ts";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const file = (path: string, bytes = 10, content = path): BuiltFile => ({ path, bytes, sha256: sha256Hex(content) });

const SITE: BuiltFile[] = [
  file("index.html", 100),
  file("404.html", 50),
  file("offline/index.html", 40),
  file("lessons/backpropagation/index.html", 300),
  file("lessons/optimizers/index.html", 250),
  file("practice/index.html", 80),
  file("embed/gradient-descent/index.html", 60),
  file("embed.js", 2),
  file("oembed/gradient-descent.json", 1),
  file("favicon.svg", 1),
  file("manifest.webmanifest", 1),
  file("icons/icon-192.png", 20),
  file("_astro/NetworkTrainer.B51Y9hQ1.js", 45),
  file("_astro/fit.worker-x1TGVgoU.js", 50),
  file("_astro/LessonLayout.abc12345.css", 9),
  file("_astro/KaTeX_Main-Regular.ypZvNtVU.woff2", 26),
  file("_astro/KaTeX_Main-Regular.ypZvNtVU.woff", 30),
  file("_astro/KaTeX_Main-Regular.ypZvNtVU.ttf", 53),
  file("_astro/ort-wasm-simd-threaded.DcHrbrbl.wasm", 14_239_897),
  file("_astro/ort.wasm.bundle.min.1RHNMTW7.js", 70_669),
  file("_astro/model.cqHTTafG.onnx", 158_992),
  file("_astro/weights.dlnZ97ZC.json", 813_306),
  file("sw.js", 5),
];

describe("roleOf", () => {
  it("precaches pages, scripts, styles, woff2 fonts, icons and the manifest", () => {
    for (const path of [
      "index.html",
      "lessons/x/index.html",
      "_astro/a.B1.js",
      "_astro/a.css",
      "_astro/K.woff2",
      "favicon.svg",
      "icons/i.png",
      "manifest.webmanifest",
    ])
      expect(roleOf(path), path).toBe("precache");
  });
  it("precaches the search index, whatever Pagefind names its chunks, so search works offline", () => {
    for (const path of [
      "pagefind/pagefind.js",
      "pagefind/pagefind-worker.js",
      "pagefind/pagefind-entry.json",
      "pagefind/wasm.en.pagefind",
      "pagefind/pagefind.en_a7817720ab.pf_meta",
      "pagefind/index/en_b19ee81.pf_index",
      "pagefind/fragment/en_d72cdf6.pf_fragment",
    ])
      expect(roleOf(path), path).toBe("precache");
  });
  it("leaves onnxruntime (wasm and its JS bundles) and model files (.onnx, JSON weights) to first use", () => {
    for (const path of [
      "_astro/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm",
      "_astro/ort.webgpu.bundle.min.CEJ-AoZm.js",
      "_astro/model.x.onnx",
      "_astro/latent-map.Do-ezoWb.json",
    ])
      expect(roleOf(path), path).toBe("runtime");
  });
  it("skips embeds, oEmbed answers, the embed loader, the worker itself and fonts no service-worker browser asks for", () => {
    for (const path of [
      "embed/x/index.html",
      "embed/exercise/y/index.html",
      "oembed/x.json",
      "embed.js",
      "sw.js",
      "_astro/K.ttf",
      "_astro/K.woff",
      "robots.txt",
    ])
      expect(roleOf(path), path).toBe("skip");
  });
});

describe("urlOf", () => {
  it("names a folder's index.html by its folder, the root's by the empty path, other files by themselves", () => {
    expect(urlOf("index.html")).toBe("");
    expect(urlOf("lessons/backpropagation/index.html")).toBe("lessons/backpropagation/");
    expect(urlOf("404.html")).toBe("404.html");
    expect(urlOf("_astro/a.js")).toBe("_astro/a.js");
  });
});

describe("buildManifest", () => {
  const manifest = buildManifest(SITE, sha256Hex);

  it("lists the lesson pages and the offline fallback, and never the worker", () => {
    expect(manifest.lessons).toEqual(["lessons/backpropagation/", "lessons/optimizers/"]);
    expect(manifest.offlineUrl).toBe("offline/");
    expect(manifest.precache.map((e) => e.url)).not.toContain("sw.js");
    expect(manifest.precache.map((e) => e.url)).toContain("");
  });

  it("carries each file's size and hash, so the worker can check what it fetched and report what it holds", () => {
    const entry = manifest.runtime.find((e) => e.url.endsWith(".wasm"))!;
    expect(entry).toEqual({
      url: "_astro/ort-wasm-simd-threaded.DcHrbrbl.wasm",
      bytes: 14_239_897,
      sha256: sha256Hex("_astro/ort-wasm-simd-threaded.DcHrbrbl.wasm"),
    });
    expect(totalBytes(manifest.runtime)).toBe(14_239_897 + 70_669 + 158_992 + 813_306);
  });

  it("names the build by its files: same files in any order give the same version; one changed byte, or the worker alone, decide", () => {
    expect(manifest.version).toMatch(/^[0-9a-f]{12}$/);
    expect(buildManifest([...SITE].reverse(), sha256Hex).version).toBe(manifest.version);
    const edited = SITE.map((f) => (f.path === "lessons/optimizers/index.html" ? file(f.path, f.bytes, "edited") : f));
    expect(buildManifest(edited, sha256Hex).version).not.toBe(manifest.version);
    // sw.js is written after the version is computed, so it cannot be part of it.
    const newWorker = SITE.map((f) => (f.path === "sw.js" ? file(f.path, 6, "other worker") : f));
    expect(buildManifest(newWorker, sha256Hex).version).toBe(manifest.version);
  });

  it("refuses a build without the offline page the worker falls back to", () => {
    expect(() =>
      buildManifest(
        SITE.filter((f) => f.path !== "offline/index.html"),
        sha256Hex,
      ),
    ).toThrow(/offline\//);
  });
});
