import { describe, expect, it } from "vitest";
import { prepareImage, preprocess } from "../astro/index.ts";
import { writeFits } from "../astro/fitsWriter.test-util.ts";
import { ImageFileError, MAX_FILE_BYTES, loadImageFile, sniffFormat } from "./imageFile.ts";
import type { RasterDecoder } from "./imageFile.ts";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A decoder that returns a fixed 12 × 10 RGBA picture (the browser's canvas or pngjs in real use). */
const fakeDecode: RasterDecoder = async () => ({ width: 12, height: 10, data: Uint8Array.from({ length: 480 }, (_, i) => (i * 37) % 256) });

function gaussianBlob(w: number, h: number, depth = 1): Float32Array {
  const v = new Float32Array(w * h * depth);
  for (let k = 0; k < depth; k++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        v[k * w * h + y * w + x] = (k + 1) * 100 * Math.exp(-((x - w / 2) ** 2 + (y - h / 2) ** 2) / 20) + ((x * 7 + y * 13) % 5);
  return v;
}

describe("loadImageFile (the upload path shared by the page and the classify CLI)", () => {
  it("recognises PNG, JPEG and FITS by their first bytes, and nothing else", () => {
    expect(sniffFormat(Uint8Array.from([...PNG_MAGIC, 0]))).toBe("png");
    expect(sniffFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffFormat(writeFits({ bitpix: -32, width: 4, height: 4, values: new Float32Array(16) }))).toBe("fits");
    expect(sniffFormat(new TextEncoder().encode("hello, world"))).toBeNull();
  });

  it("a PNG goes through the caller's decoder and then exactly the shared prepareImage() (auto-framing by default)", async () => {
    const loaded = await loadImageFile(Uint8Array.from([...PNG_MAGIC, 1, 2, 3]), fakeDecode);
    expect(loaded.format).toBe("png");
    const raster = await fakeDecode(new Uint8Array(), "png").then((r) => ({ kind: "rgba" as const, ...r }));
    expect(loaded.prepared.data).toEqual(prepareImage(raster).data);
    expect(loaded.prepared.data.length).toBe(3 * 64 * 64);
    // Centre framing asked for: the plain centred square of preprocess().
    const centred = await loadImageFile(Uint8Array.from([...PNG_MAGIC, 1, 2, 3]), fakeDecode, { prepare: { frame: "centre" } });
    expect(centred.prepared.data).toEqual(preprocess(raster).data);
    expect(centred.prepared.framing).toBe("centre");
  });

  it("a FITS file's WCS gives the pixel scale (the networks' 16.8″ field is cut from it); a person's scale wins; a bad one is a readable error", async () => {
    const values = gaussianBlob(40, 40);
    const cards: [string, string][] = [
      ["CDELT1", String(-0.5 / 3600)],
      ["CDELT2", String(0.5 / 3600)],
    ];
    const loaded = await loadImageFile(writeFits({ bitpix: -32, width: 40, height: 40, values, cards }), fakeDecode);
    expect(loaded.prepared.framing).toBe("pixel-scale");
    expect(loaded.prepared.pixelScale).toBeCloseTo(0.5, 9);
    expect(loaded.prepared.crop.side).toBeCloseTo((64 * 0.262) / 0.5, 9);
    const given = await loadImageFile(writeFits({ bitpix: -32, width: 40, height: 40, values, cards }), fakeDecode, {
      prepare: { pixelScale: 0.262 },
    });
    expect(given.prepared.crop.side).toBeCloseTo(64, 9);
    await expect(
      loadImageFile(writeFits({ bitpix: -32, width: 40, height: 40, values }), fakeDecode, { prepare: { fov: -3 } }),
    ).rejects.toThrow(ImageFileError);
  });

  it("a 2-D FITS image becomes a grey flux plane of unknown units, preprocessed like the CLI does", async () => {
    const values = gaussianBlob(40, 30);
    const bytes = writeFits({ bitpix: -32, width: 40, height: 30, values });
    const loaded = await loadImageFile(bytes, fakeDecode);
    expect(loaded.format).toBe("fits");
    expect([loaded.width, loaded.height, loaded.planes]).toEqual([40, 30, 1]);
    expect(loaded.input.kind).toBe("bands");
    expect(loaded.prepared.data.length).toBe(3 * 64 * 64);
    expect(Math.max(...loaded.prepared.data)).toBeGreaterThan(0.3);
    expect(Math.min(...loaded.prepared.data)).toBeGreaterThanOrEqual(0);
  });

  it("a FITS cube gives the chosen plane", async () => {
    const values = gaussianBlob(16, 16, 3);
    const bytes = writeFits({ bitpix: -32, width: 16, height: 16, depth: 3, values });
    const first = await loadImageFile(bytes, fakeDecode);
    const third = await loadImageFile(bytes, fakeDecode, { plane: 2 });
    expect([first.planes, first.plane, third.plane]).toEqual([3, 0, 2]);
    expect(third.input.kind === "bands" && third.input.planes[0][8 * 16 + 8]).toBeCloseTo(values[2 * 256 + (15 - 8) * 16 + 8], 3);
    await expect(loadImageFile(bytes, fakeDecode, { plane: 5, name: "cube.fits" })).rejects.toThrow(
      /cube.fits is a FITS file this reader does not support: plane 5 does not exist/,
    );
  });

  it("refuses unsupported FITS, non-images, empty and huge files with a reason", async () => {
    const empty = writeFits({ bitpix: -32, width: 4, height: 4, values: new Float32Array(16), naxis: 0 });
    await expect(loadImageFile(empty, fakeDecode, { name: "tables.fits" })).rejects.toThrow(
      /tables.fits is a FITS file this reader does not support/,
    );
    await expect(loadImageFile(new TextEncoder().encode("not an image"), fakeDecode, { name: "notes.txt" })).rejects.toThrow(
      /notes.txt is not a PNG, JPEG or FITS image/,
    );
    await expect(loadImageFile(new Uint8Array(0), fakeDecode, { name: "x.png" })).rejects.toThrow(/x.png is empty/);
    const huge = new Uint8Array(MAX_FILE_BYTES + 1);
    await expect(loadImageFile(huge, fakeDecode, { name: "big.fits" })).rejects.toThrow(/big.fits is 64 MB; files up to 64 MB/);
    const broken: RasterDecoder = async () => {
      throw new Error("bad IDAT");
    };
    const error = await loadImageFile(Uint8Array.from([...PNG_MAGIC, 0]), broken, { name: "broken.png" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageFileError);
    expect((error as Error).message).toMatch(/broken.png looks like a PNG but could not be decoded \(bad IDAT\)/);
  });

  it("refuses images with too many pixels before preprocessing them", async () => {
    const giant: RasterDecoder = async () => ({ width: 10_000, height: 5_000, data: new Uint8Array(0) });
    await expect(loadImageFile(Uint8Array.from([0xff, 0xd8, 0xff, 0]), giant, { name: "sky.jpg" })).rejects.toThrow(
      /sky.jpg is 10000 × 5000 pixels/,
    );
  });

  it("refuses pictures with no shape to see: under 8 pixels on a side, or every pixel the same", async () => {
    const png = Uint8Array.from([...PNG_MAGIC, 0]);
    const tiny: RasterDecoder = async () => ({ width: 1, height: 1, data: Uint8Array.from([200, 180, 150, 255]) });
    await expect(loadImageFile(png, tiny, { name: "one.png" })).rejects.toThrow(
      /one.png is 1 × 1 pixels; a picture needs at least 8 pixels on each side/,
    );
    const strip: RasterDecoder = async () => ({ width: 4000, height: 1, data: new Uint8Array(16000).map((_, i) => i % 251) });
    await expect(loadImageFile(png, strip, { name: "wide.png" })).rejects.toThrow(/wide.png is 4000 × 1 pixels/);
    const flat: RasterDecoder = async () => ({
      width: 20,
      height: 20,
      data: new Uint8Array(1600).fill(0).map((_, i) => (i % 4 === 3 ? 255 : 40)),
    });
    await expect(loadImageFile(png, flat, { name: "grey.png" })).rejects.toThrow(/grey.png is blank: every pixel has the same colour/);
    const constant = writeFits({ bitpix: -32, width: 16, height: 16, values: new Float32Array(256).fill(3) });
    await expect(loadImageFile(constant, fakeDecode, { name: "flat.fits" })).rejects.toThrow(
      /flat.fits is blank: every pixel has the value 3/,
    );
    const cube = new Float32Array(3 * 256).fill(Number.NaN);
    cube.fill(1, 0, 128);
    await expect(
      loadImageFile(writeFits({ bitpix: -32, width: 16, height: 16, depth: 3, values: cube }), fakeDecode, { name: "cube.fits", plane: 1 }),
    ).rejects.toThrow(/cube.fits \(plane 2 of 3\) has only blank \(NaN\) pixels/);
  });
});
