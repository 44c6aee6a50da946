import type { Attribute, Dim, Graph, Initializer, Node, ValueInfo } from "./ir.ts";

/**
 * Builds a `Graph` one node at a time, inventing unique value names so callers only wire
 * outputs to inputs. Nodes are appended in call order, which is a topological order as long as
 * each node's inputs were created before it.
 */
export class GraphBuilder {
  readonly name: string;
  #inputs: ValueInfo[] = [];
  #outputs: ValueInfo[] = [];
  #nodes: Node[] = [];
  #initializers: Initializer[] = [];
  #metadata: Record<string, string> = {};
  #docString: string | undefined;
  // ONNX keeps node names and value names in separate namespaces.
  #valueNames = new Set<string>();
  #nodeNames = new Set<string>();
  // Names set aside (by `reserve`) for a later exact claim, e.g. graph outputs named up front.
  #reserved = new Set<string>();
  // A weight array stored once however many nodes read it (a shared layer applied twice).
  #constantsByData = new Map<Float32Array, { name: string; dims: readonly number[] }>();

  constructor(name: string) {
    this.name = name;
  }

  /** A fresh value name: `base` if unused, else base_1, base_2, … */
  uniqueName(base: string): string {
    return claim(this.#valueNames, base);
  }

  /**
   * Sets a value name aside: generated names avoid it from now on, and one later exact claim
   * (`node(…, { output: name })`) gets it. Lets a caller fix graph output names before building.
   */
  reserve(name: string): void {
    if (this.#valueNames.has(name)) throw new Error(`GraphBuilder: value name "${name}" is already used`);
    this.#valueNames.add(name);
    this.#reserved.add(name);
  }

  /** Claims an exact value name, throwing if a value already has it. */
  #exactName(name: string): string {
    if (this.#reserved.delete(name)) return name;
    if (this.#valueNames.has(name)) throw new Error(`GraphBuilder: value name "${name}" is already used`);
    this.#valueNames.add(name);
    return name;
  }

  /** Declares a float graph input; returns its value name. */
  input(name: string, shape: readonly Dim[]): string {
    this.#inputs.push({ name: this.#exactName(name), shape });
    return name;
  }

  /** Declares a graph output. `value` must be produced by a node (or be an input). */
  output(value: string, shape: readonly Dim[]): void {
    this.#outputs.push({ name: value, shape });
  }

  /**
   * Stores a float32 constant; returns its value name. The same array with the same dims is stored
   * once: its first name is returned again.
   */
  constant(name: string, dims: readonly number[], data: Float32Array): string {
    const known = this.#constantsByData.get(data);
    if (known !== undefined && sameDims(known.dims, dims)) return known.name;
    const unique = this.uniqueName(name);
    this.#initializers.push({ name: unique, dims, data });
    if (known === undefined) this.#constantsByData.set(data, { name: unique, dims });
    return unique;
  }

  /** Stores an int64 constant (e.g. a Reshape target shape); returns its value name. */
  int64Constant(name: string, values: readonly number[]): string {
    const unique = this.uniqueName(name);
    this.#initializers.push({ name: unique, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return unique;
  }

  /**
   * Appends a node with a single output and returns the output's value name. `outputName`
   * fixes the value name (e.g. for a graph output; it must be unused); by default the output is
   * named after the node.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, Attribute>> = {},
    names: { node?: string; output?: string } = {},
  ): string {
    const nodeName = claim(this.#nodeNames, names.node ?? opType.toLowerCase());
    const output = names.output !== undefined ? this.#exactName(names.output) : this.uniqueName(nodeName);
    this.#nodes.push({ opType, inputs, outputs: [output], name: nodeName, attributes });
    return output;
  }

  /** Adds a ModelProto metadata_props entry. */
  metadata(key: string, value: string): void {
    this.#metadata[key] = value;
  }

  /** Sets the model's doc string. */
  docString(text: string): void {
    this.#docString = text;
  }

  /** The graph built so far. */
  build(): Graph {
    return {
      name: this.name,
      inputs: this.#inputs.slice(),
      outputs: this.#outputs.slice(),
      nodes: this.#nodes.slice(),
      initializers: this.#initializers.slice(),
      metadata: { ...this.#metadata },
      ...(this.#docString !== undefined ? { docString: this.#docString } : {}),
    };
  }
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Adds and returns `base`, or base_1, base_2, … whichever is first unused in `names`. */
function claim(names: Set<string>, base: string): string {
  let name = base;
  for (let k = 1; names.has(name); k++) name = `${base}_${k}`;
  names.add(name);
  return name;
}
