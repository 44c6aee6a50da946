// The file reader (FITS, PNG/JPEG through the caller's decoder, then the shared preprocessing of
// src/lib/astro) is only needed once someone chooses a file, so pages import it on demand: this
// wrapper is what `index.ts` exports, and the bundler puts imageFile.ts and the FITS and framing code
// it needs in a chunk of their own, fetched on the first upload instead of with the widget.
import type { LoadedImage, LoadOptions, RasterDecoder } from "./imageFile.ts";

/** `imageFile.ts`'s loadImageFile, imported on the first call. */
export async function loadImageFile(bytes: Uint8Array, decode: RasterDecoder, options?: LoadOptions): Promise<LoadedImage> {
  const reader = await import("./imageFile.ts");
  return reader.loadImageFile(bytes, decode, options);
}
