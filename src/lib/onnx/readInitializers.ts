// A small *reader* of ONNX files: the float32 initializers (the trained weights) of a ModelProto,
// so a page that already downloads a model's .onnx can rebuild the same network in the engine (the
// CNN lesson's feature maps) without a second file of weights. Only what our writer and onnx's own
// tools emit for float tensors is read:
//   ModelProto.graph = 7 → GraphProto.initializer = 5 → TensorProto {
//     dims = 1 (int64, packed or not), data_type = 2 (1 = FLOAT), float_data = 4 (packed or not),
//     name = 8, raw_data = 9 (little-endian float32) }.
// Other fields are skipped by wire type; non-float tensors (e.g. an int64 Reshape shape) are left out.
import { setWeights } from "../nn/weights.ts";
import type { Model } from "../nn/model.ts";

/** One float32 initializer: its name, shape and values (a copy, aligned, row-major). */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  data: Float32Array;
}

const FLOAT = 1;

/** A cursor over protobuf wire data. */
class Reader {
  readonly bytes: Uint8Array;
  readonly end: number;
  pos: number;
  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.end = end;
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a JS number (exact up to 2^53, enough for dims, lengths and field keys). */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error("ONNX file truncated inside a varint");
      const b = this.bytes[this.pos++];
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return value;
    }
    throw new Error("ONNX file has a varint longer than 10 bytes");
  }

  /** The [start, end) of a LEN payload. */
  len(): [number, number] {
    const n = this.varint();
    const start = this.pos;
    if (start + n > this.end) throw new Error("ONNX file truncated inside a field");
    this.pos += n;
    return [start, start + n];
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.len();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`ONNX file has an unsupported protobuf wire type ${wire}`);
  }
}

/** Little-endian float32 values from bytes[start, end) (a fresh, aligned array). */
function floatsAt(bytes: Uint8Array, start: number, end: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, end - start);
  const out = new Float32Array((end - start) / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function readTensor(bytes: Uint8Array, start: number, end: number): OnnxInitializer | null {
  const r = new Reader(bytes, start, end);
  const dims: number[] = [];
  let dataType = 0;
  let name = "";
  let raw: Float32Array | null = null;
  const floats: number[] = [];
  let packedFloats: Float32Array | null = null;
  while (!r.done) {
    const key = r.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 1 && wire === 0) dims.push(r.varint());
    else if (field === 1 && wire === 2) {
      const [s, e] = r.len();
      const inner = new Reader(bytes, s, e);
      while (!inner.done) dims.push(inner.varint());
    } else if (field === 2 && wire === 0) dataType = r.varint();
    else if (field === 8 && wire === 2) {
      const [s, e] = r.len();
      name = new TextDecoder().decode(bytes.subarray(s, e));
    } else if (field === 9 && wire === 2) {
      const [s, e] = r.len();
      raw = floatsAt(bytes, s, e);
    } else if (field === 4 && wire === 2) {
      const [s, e] = r.len();
      packedFloats = floatsAt(bytes, s, e);
    } else if (field === 4 && wire === 5) {
      floats.push(new DataView(bytes.buffer, bytes.byteOffset + r.pos, 4).getFloat32(0, true));
      r.pos += 4;
    } else r.skip(wire);
  }
  if (dataType !== FLOAT) return null;
  const data = raw ?? packedFloats ?? Float32Array.from(floats);
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count)
    throw new Error(`ONNX initializer "${name}": dims [${dims.join(", ")}] hold ${count} values but the file has ${data.length}`);
  return { name, dims, data };
}

/** Every float32 initializer of an .onnx file, in file order. Throws on a file that is not a ModelProto with a graph. */
export function readInitializers(bytes: Uint8Array): OnnxInitializer[] {
  const top = new Reader(bytes);
  let graph: [number, number] | null = null;
  while (!top.done) {
    const key = top.varint();
    if (key === (7 << 3) + 2) graph = top.len();
    else top.skip(key % 8);
  }
  if (graph === null) throw new Error("not an ONNX model: no graph");
  const out: OnnxInitializer[] = [];
  const g = new Reader(bytes, graph[0], graph[1]);
  while (!g.done) {
    const key = g.varint();
    if (key === (5 << 3) + 2) {
      const [s, e] = g.len();
      const tensor = readTensor(bytes, s, e);
      if (tensor !== null) out.push(tensor);
    } else g.skip(key % 8);
  }
  return out;
}

/**
 * Loads an engine model's weights from the .onnx file `exportModel` wrote for it: our exporter names
 * each initializer after the engine weight ("conv1/kernel", "bn/mean" for movingMean …) in the
 * engine's own layout, so this is `setWeights` by name. Initializers that are not weights (Resize
 * scales, GELU constants) are ignored; a missing weight or a shape mismatch throws, naming it.
 */
export function weightsFromOnnx(model: Model, bytes: Uint8Array): void {
  const byName = new Map(readInitializers(bytes).map((t) => [t.name, t]));
  const weights = model.weights().map((w) => {
    const name = w.name ?? "";
    const t = byName.get(name) ?? byName.get(onnxName(name));
    if (t === undefined)
      throw new Error(`weightsFromOnnx: the ONNX file has no initializer for the weight '${name}' of model '${model.name}'`);
    return { name, shape: t.dims, data: t.data };
  });
  setWeights(model, weights);
}

/** The exporter's name for a BatchNorm moving statistic: "bn/movingMean" → "bn/mean". */
function onnxName(engineName: string): string {
  return engineName.replace(/\/movingMean$/, "/mean").replace(/\/movingVariance$/, "/variance");
}
