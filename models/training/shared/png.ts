// A minimal PNG writer (8-bit RGB, no filtering) for contact sheets of simulated cutouts.
import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes interleaved 8-bit RGB pixels (width × height × 3, rows top to bottom) as a PNG file. */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * 3 * width, (y + 1) * 3 * width), y * (1 + 3 * width) + 1);
  const signature = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const parts = [signature, chunk("IHDR", header), chunk("IDAT", new Uint8Array(deflateSync(raw))), chunk("IEND", new Uint8Array(0))];
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Tiles CHW [R, G, B] images in [0, 1] (each `size` × `size`) into a grid `columns` wide with a
 * 2-pixel gap, each shown `zoom`× larger; returns PNG bytes.
 */
export function contactSheet(images: readonly Float32Array[], size: number, columns: number, zoom = 2): Uint8Array {
  const rows = Math.ceil(images.length / columns);
  const cell = size * zoom + 2;
  const width = columns * cell;
  const height = rows * cell;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const n = size * size;
  images.forEach((img, k) => {
    const ox = (k % columns) * cell;
    const oy = Math.floor(k / columns) * cell;
    for (let y = 0; y < size * zoom; y++) {
      for (let x = 0; x < size * zoom; x++) {
        const p = Math.floor(y / zoom) * size + Math.floor(x / zoom);
        const o = ((oy + y) * width + ox + x) * 3;
        for (let c = 0; c < 3; c++) rgb[o + c] = Math.round(255 * Math.min(1, Math.max(0, img[c * n + p])));
      }
    }
  });
  return encodePng(rgb, width, height);
}
