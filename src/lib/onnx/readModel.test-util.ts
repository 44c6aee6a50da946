// Test-only protobuf reader: just enough of onnx.proto to check what the writer put in a ModelProto
// (metadata, doc string, graph name, input/output names and dims, initializer names).

/** Reads a varint at `pos`; returns [value, next position]. Small values only (test helper). */
function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = bytes[pos++];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return [value, pos];
  }
}

/** The top-level fields of a message as [field, payload] (LEN payloads as bytes, varints as numbers). */
export function fields(bytes: Uint8Array): [number, Uint8Array | number][] {
  const out: [number, Uint8Array | number][] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const [key, p] = readVarint(bytes, pos);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const [v, q] = readVarint(bytes, p);
      out.push([field, v]);
      pos = q;
    } else if (wire === 2) {
      const [len, q] = readVarint(bytes, p);
      out.push([field, bytes.subarray(q, q + len)]);
      pos = q + len;
    } else if (wire === 5) {
      out.push([field, bytes.subarray(p, p + 4)]);
      pos = p + 4;
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

/** A LEN payload as UTF-8 text. */
export const text = (b: Uint8Array | number): string => new TextDecoder().decode(b as Uint8Array);

const first = (fs: [number, Uint8Array | number][], field: number) => fs.find(([f]) => f === field)?.[1];
const all = (fs: [number, Uint8Array | number][], field: number) => fs.filter(([f]) => f === field).map(([, v]) => v as Uint8Array);

/** A graph input or output: name and dims (symbolic dims as their names). */
export interface ValueSummary {
  name: string;
  dims: (number | string)[];
}

/** What the tests check of an encoded model. */
export interface ModelSummary {
  irVersion: number;
  metadata: Record<string, string>;
  docString: string | undefined;
  graphName: string;
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  initializerNames: string[];
}

function valueSummary(bytes: Uint8Array): ValueSummary {
  const v = fields(bytes); // ValueInfoProto: name 1, type 2
  const tensorType = fields(first(fields(first(v, 2) as Uint8Array), 1) as Uint8Array); // TypeProto.tensor_type
  const dims = all(fields(first(tensorType, 2) as Uint8Array), 1).map((d) => {
    const [field, value] = fields(d)[0]; // dim_value 1 | dim_param 2
    return field === 1 ? (value as number) : text(value);
  });
  return { name: text(first(v, 1)!), dims };
}

/** Parses the parts of a ModelProto the exporter writes. */
export function readModel(bytes: Uint8Array): ModelSummary {
  const top = fields(bytes);
  const graph = fields(first(top, 7) as Uint8Array);
  const doc = first(top, 6);
  return {
    irVersion: first(top, 1) as number,
    // StringStringEntryProto: key 1, value 2.
    metadata: Object.fromEntries(all(top, 14).map((entry) => [text(first(fields(entry), 1)!), text(first(fields(entry), 2)!)])),
    docString: doc === undefined ? undefined : text(doc),
    graphName: text(first(graph, 2)!),
    inputs: all(graph, 11).map(valueSummary),
    outputs: all(graph, 12).map(valueSummary),
    initializerNames: all(graph, 5).map((t) => text(first(fields(t), 8)!)),
  };
}
