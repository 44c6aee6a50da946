// Test-only: a tiny FITS writer, to build files for the reader's tests (primary HDU only).

export interface WriteFitsOptions {
  bitpix: 8 | 16 | 32 | -32 | -64 | 64;
  width: number;
  height: number;
  /** Stored values (before BSCALE/BZERO), plane after plane, FITS order (bottom row first). */
  values: ArrayLike<number>;
  /** NAXIS3 (a cube) when given. */
  depth?: number;
  bscale?: number;
  bzero?: number;
  /** Extra header cards: [keyword, value as written in the file]. */
  cards?: [string, string][];
  /** Override NAXIS (e.g. 0 or 4) without changing the axes written. */
  naxis?: number;
  /** Write SIMPLE = F, or start with another first card. */
  firstCard?: string;
}

function card(key: string, value: string, comment = ""): string {
  const text = `${key.padEnd(8)}= ${value.padStart(20)}${comment ? ` / ${comment}` : ""}`;
  return text.padEnd(80).slice(0, 80);
}

/** The bytes of a FITS file with one image (or cube) in its primary HDU. */
export function writeFits(o: WriteFitsOptions): Uint8Array {
  const cards: string[] = [o.firstCard ?? card("SIMPLE", "T", "conforms to FITS")];
  cards.push(card("BITPIX", String(o.bitpix)));
  const naxis = o.naxis ?? (o.depth !== undefined ? 3 : 2);
  cards.push(card("NAXIS", String(naxis)));
  if (naxis >= 1) cards.push(card("NAXIS1", String(o.width)));
  if (naxis >= 2) cards.push(card("NAXIS2", String(o.height)));
  if (naxis >= 3) cards.push(card("NAXIS3", String(o.depth ?? 1)));
  if (naxis >= 4) cards.push(card("NAXIS4", "1"));
  if (o.bscale !== undefined) cards.push(card("BSCALE", String(o.bscale)));
  if (o.bzero !== undefined) cards.push(card("BZERO", String(o.bzero)));
  for (const [k, v] of o.cards ?? []) cards.push(card(k, v));
  cards.push("END".padEnd(80));
  const headerLen = Math.ceil((cards.length * 80) / 2880) * 2880;
  const bytesPer = Math.abs(o.bitpix) / 8;
  const dataLen = Math.ceil((o.values.length * bytesPer) / 2880) * 2880;
  const out = new Uint8Array(headerLen + dataLen);
  out.fill(32, 0, headerLen);
  cards.forEach((c, i) => {
    for (let k = 0; k < 80; k++) out[i * 80 + k] = c.charCodeAt(k);
  });
  const view = new DataView(out.buffer);
  for (let i = 0; i < o.values.length; i++) {
    const at = headerLen + i * bytesPer;
    const v = o.values[i];
    switch (o.bitpix) {
      case 8:
        view.setUint8(at, v);
        break;
      case 16:
        view.setInt16(at, v, false);
        break;
      case 32:
        view.setInt32(at, v, false);
        break;
      case -32:
        view.setFloat32(at, v, false);
        break;
      case -64:
        view.setFloat64(at, v, false);
        break;
      case 64:
        view.setBigInt64(at, BigInt(v), false);
        break;
    }
  }
  return out;
}
