import type { RasterDecoder } from "../../lib/inference/index.ts";

/** PNG/JPEG in the browser: the browser's own decoder, read back through a canvas (for loadImageFile in the demos that take uploads). */
export const decodeInBrowser: RasterDecoder = async (bytes, format) => {
  const bitmap = await createImageBitmap(new Blob([bytes.slice()], { type: format === "png" ? "image/png" : "image/jpeg" }));
  try {
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2-D canvas");
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
  } finally {
    bitmap.close();
  }
};
