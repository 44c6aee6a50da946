/**
 * A minimal Protocol Buffers *writer*, from the wire-format spec
 * (https://protobuf.dev/programming-guides/encoding/). Each field is a key — varint of
 * (fieldNumber << 3 | wireType) — followed by its payload:
 *   wire type 0 VARINT: base-128, least significant group first, high bit = "more bytes follow";
 *                       negative int64 values are their 64-bit two's complement (always 10 bytes);
 *   wire type 2 LEN:    varint byte length, then the bytes (strings, bytes, sub-messages, packed repeats);
 *   wire type 5 I32:    4 bytes little-endian (float).
 * Nested messages are encoded first and written as LEN fields, which is simple and fine for the
 * model sizes of this course. Zigzag (sint32/sint64) is not needed by ONNX.
 */

/** Protobuf wire types used here. */
export const WireType = { varint: 0, i64: 1, len: 2, i32: 5 } as const;

/** Appends the varint encoding of an integer (a safe integer; negatives as 64-bit two's complement). */
function pushVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`varint: ${value} is not a safe integer`);
  if (value < 0) {
    // 64-bit two's complement, 7 bits at a time: always 10 bytes (9 with the continuation bit).
    let big = BigInt.asUintN(64, BigInt(value));
    for (let i = 0; i < 9; i++) {
      out.push(Number(big & 0x7fn) | 0x80);
      big >>= 7n;
    }
    out.push(Number(big));
    return;
  }
  let v = value;
  // Division, not >>>, because values can exceed 32 bits.
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** The varint bytes of a non-negative or negative safe integer. */
export function encodeVarint(value: number): Uint8Array {
  const out: number[] = [];
  pushVarint(out, value);
  return Uint8Array.from(out);
}

const utf8 = new TextEncoder();

/** Appends protobuf fields to a growing buffer; `finish` returns the message bytes. */
export class ProtoWriter {
  #buffer = new Uint8Array(256);
  #length = 0;

  #ensure(extra: number): void {
    const needed = this.#length + extra;
    if (needed <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = grown;
  }

  #pushBytes(bytes: ArrayLike<number>): void {
    this.#ensure(bytes.length);
    this.#buffer.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  #pushVarint(value: number): void {
    const tmp: number[] = [];
    pushVarint(tmp, value);
    this.#pushBytes(tmp);
  }

  /** The key of a field: varint(field << 3 | wireType). */
  tag(field: number, wireType: number): this {
    if (!(Number.isInteger(field) && field > 0 && field < 2 ** 29)) throw new RangeError(`bad field number ${field}`);
    this.#pushVarint(field * 8 + wireType);
    return this;
  }

  /** An int32/int64/uint64/enum/bool field (wire type 0). */
  int(field: number, value: number): this {
    this.tag(field, WireType.varint);
    this.#pushVarint(value);
    return this;
  }

  /** A float field (wire type 5, IEEE-754 single, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, WireType.i32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.#pushBytes(bytes);
    return this;
  }

  /** A bytes field or an already-encoded sub-message (wire type 2). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WireType.len);
    this.#pushVarint(value.length);
    this.#pushBytes(value);
    return this;
  }

  /** A string field, UTF-8 encoded (wire type 2). */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A sub-message built by `build` on a fresh writer (wire type 2). */
  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** A packed repeated float field: one LEN record holding 4 little-endian bytes per value. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    return this.bytes(field, bytes);
  }

  /** A packed repeated varint field (int32/int64): one LEN record holding the varints back to back. */
  packedInts(field: number, values: ArrayLike<number>): this {
    const tmp: number[] = [];
    for (let i = 0; i < values.length; i++) pushVarint(tmp, values[i]);
    return this.bytes(field, Uint8Array.from(tmp));
  }

  /** The bytes written so far (a copy sized exactly). */
  finish(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }
}
