// The heavy half of the sky classifier (onnxruntime, the model zoo, the preprocessing), imported on
// the first search so the lesson page does not carry it until someone asks for a galaxy.
import { ModelRunner } from "../../lib/inference/index.ts";
import type { Prediction } from "../../lib/inference/index.ts";
import { loadBrowserRuntime } from "../../lib/inference/browserRuntime.ts";
import { prepareImage } from "../../lib/astro/prepareImage.ts";
import type { PreparedImage } from "../../lib/astro/prepareImage.ts";
import { CLASSIFIERS, classifierInput } from "../../lib/zoo/index.ts";
import { modelSource } from "../shared/modelAssets.ts";
import { decodeInBrowser } from "../shared/decodeInBrowser.ts";
import { coverage } from "./skyClassifier.ts";

let runner: ModelRunner | null = null;

export type CutoutResult =
  | { kind: "blank" }
  /** The browser could not decode the bytes: not a picture, whatever the service said. */
  | { kind: "undecodable" }
  | { kind: "classified"; prepared: PreparedImage; prediction: Prediction; partial: boolean };

/**
 * Decodes the cutout JPEG, refuses a blank one (outside the survey), prepares it at the given pixel
 * scale — known, so no auto-framing: the cutout's centre is the object's position — and runs the
 * morphology classifier on it.
 */
export async function classifyCutout(bytes: Uint8Array, modelScale: number): Promise<CutoutResult> {
  let raster: Awaited<ReturnType<typeof decodeInBrowser>>;
  try {
    raster = await decodeInBrowser(bytes, "jpeg");
  } catch {
    return { kind: "undecodable" };
  }
  const pixels = raster.width * raster.height;
  const cover = coverage(raster.data, pixels);
  if (cover === "blank") return { kind: "blank" };
  const prepared = prepareImage(
    { kind: "rgba", width: raster.width, height: raster.height, data: raster.data },
    { pixelScale: modelScale },
  );
  runner ??= new ModelRunner({ loadRuntime: loadBrowserRuntime });
  const { input, views } = classifierInput(CLASSIFIERS["galaxy-morphology"], prepared.data);
  const prediction = await runner.predict(modelSource("galaxy-morphology"), input, "auto", views);
  return { kind: "classified", prepared, prediction, partial: cover === "partial" };
}
