// The JavaScript side of the WebAssembly kernels (assembly/): one instance per thread owns one
// WebAssembly memory, which grows as a call needs and never shrinks. Each call copies its inputs in,
// runs, and copies its results out, so tensors stay ordinary Float32Arrays and the rest of the engine
// does not know the kernels exist. A copy is one pass over the data (a 4 MB feature map: about 0.1 ms
// into memory already touched); keeping tensors inside WebAssembly memory would save it, but would
// tie every tensor's lifetime to one instance's memory, which JavaScript's garbage collector cannot free.

/** What the compiled module exports (assembly/index.ts); pointers are byte addresses. */
interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemm(M: number, N: number, K: number, a: number, transA: number, b: number, transB: number, c: number): void;
  convGeometry(
    C: number,
    H: number,
    W: number,
    F: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    top: number,
    left: number,
    OH: number,
    OW: number,
  ): void;
  conv2dForward(N: number, x: number, w: number, bias: number, y: number, cols: number): void;
  conv2dBackward(N: number, x: number, w: number, gy: number, gw: number, gx: number, gb: number, cols: number, dcols: number): void;
  maxPool2dForward(
    planes: number,
    H: number,
    W: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    top: number,
    left: number,
    OH: number,
    OW: number,
    x: number,
    y: number,
    arg: number,
  ): void;
  reluForward(n: number, x: number, y: number): void;
  reluBackward(n: number, x: number, g: number, gx: number): void;
}

/** Geometry of a convolution, as conv2d computes it. */
export interface ConvShape {
  N: number;
  C: number;
  H: number;
  W: number;
  F: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  padTop: number;
  padLeft: number;
  OH: number;
  OW: number;
}

/** Geometry of a pooling window over N·C planes. */
export interface PoolShape {
  planes: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
  OH: number;
  OW: number;
}

const PAGE = 65536;
// Each buffer starts on a 16-byte boundary, so a matrix row of a multiple of four floats is read in
// aligned vectors. (No kernel reads or writes outside the buffers it is given.)
const ALIGN = 16;

/** The kernels of one WebAssembly instance, called with Float32Arrays. */
export class WasmKernels {
  readonly #k: KernelExports;
  readonly #base: number;

  constructor(instance: WebAssembly.Instance) {
    this.#k = instance.exports as unknown as KernelExports;
    this.#base = Math.ceil(this.#k.heapBase() / ALIGN) * ALIGN;
  }

  /** Lays out buffers of the given float counts from the heap base; returns their byte addresses. */
  #layout(...counts: number[]): number[] {
    let at = this.#base;
    const ptrs = counts.map((n) => {
      const p = at;
      at += Math.ceil((n * 4) / ALIGN) * ALIGN;
      return p;
    });
    const have = this.#k.memory.buffer.byteLength;
    if (at > have) this.#k.memory.grow(Math.ceil((at - have) / PAGE));
    return ptrs;
  }

  #f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.#k.memory.buffer, ptr, n);
  }

  #put(ptr: number, src: Float32Array, off: number, n: number): void {
    this.#f32(ptr, n).set(off === 0 && src.length === n ? src : src.subarray(off, off + n));
  }

  #get(ptr: number, dst: Float32Array, off: number, n: number): void {
    dst.set(this.#f32(ptr, n), off);
  }

  /** C[M×N] += op(A)·op(B) with the engine's gemm contract (src/lib/autodiff/gemm.ts). */
  gemm(
    M: number,
    N: number,
    K: number,
    A: Float32Array,
    aOff: number,
    transA: boolean,
    B: Float32Array,
    bOff: number,
    transB: boolean,
    C: Float32Array,
    cOff: number,
  ): void {
    const [a, b, c] = this.#layout(M * K, K * N, M * N);
    this.#put(a, A, aOff, M * K);
    this.#put(b, B, bOff, K * N);
    this.#put(c, C, cOff, M * N);
    this.#k.gemm(M, N, K, a, transA ? 1 : 0, b, transB ? 1 : 0, c);
    this.#get(c, C, cOff, M * N);
  }

  #geometry(s: ConvShape): void {
    this.#k.convGeometry(s.C, s.H, s.W, s.F, s.kh, s.kw, s.sh, s.sw, s.padTop, s.padLeft, s.OH, s.OW);
  }

  /** y = conv2d(x, w) + b for the whole batch; y [N, F, OH, OW] is overwritten. */
  conv2dForward(s: ConvShape, X: Float32Array, Wt: Float32Array, bias: Float32Array | null, Y: Float32Array): void {
    const cols = s.C * s.kh * s.kw * s.OH * s.OW;
    const [x, w, b, y, work] = this.#layout(X.length, Wt.length, bias === null ? 0 : bias.length, Y.length, cols);
    this.#put(x, X, 0, X.length);
    this.#put(w, Wt, 0, Wt.length);
    if (bias !== null) this.#put(b, bias, 0, bias.length);
    this.#geometry(s);
    this.#k.conv2dForward(s.N, x, w, bias === null ? 0 : b, y, work);
    this.#get(y, Y, 0, Y.length);
  }

  /** Adds conv2d's gradients into gw, gx and gb (each null when not wanted) given gy = ∂L/∂y. */
  conv2dBackward(
    s: ConvShape,
    X: Float32Array,
    Wt: Float32Array,
    GY: Float32Array,
    GW: Float32Array | null,
    GX: Float32Array | null,
    GB: Float32Array | null,
  ): void {
    const cols = s.C * s.kh * s.kw * s.OH * s.OW;
    const n = (t: Float32Array | null) => (t === null ? 0 : t.length);
    const [x, w, gy, gw, gx, gb, work, dwork] = this.#layout(
      X.length,
      Wt.length,
      GY.length,
      n(GW),
      n(GX),
      n(GB),
      cols,
      GX === null ? 0 : cols,
    );
    this.#put(x, X, 0, X.length);
    this.#put(w, Wt, 0, Wt.length);
    this.#put(gy, GY, 0, GY.length);
    if (GW !== null) this.#put(gw, GW, 0, GW.length);
    if (GX !== null) this.#put(gx, GX, 0, GX.length);
    if (GB !== null) this.#put(gb, GB, 0, GB.length);
    this.#geometry(s);
    this.#k.conv2dBackward(s.N, x, w, gy, GW === null ? 0 : gw, GX === null ? 0 : gx, GB === null ? 0 : gb, work, dwork);
    if (GW !== null) this.#get(gw, GW, 0, GW.length);
    if (GX !== null) this.#get(gx, GX, 0, GX.length);
    if (GB !== null) this.#get(gb, GB, 0, GB.length);
  }

  /** Max pooling: the maxima into Y and their element indices in X into arg. */
  maxPool2dForward(s: PoolShape, X: Float32Array, Y: Float32Array, arg: Int32Array): void {
    const [x, y, a] = this.#layout(X.length, Y.length, arg.length);
    this.#put(x, X, 0, X.length);
    this.#k.maxPool2dForward(s.planes, s.H, s.W, s.kh, s.kw, s.sh, s.sw, s.top, s.left, s.OH, s.OW, x, y, a);
    this.#get(y, Y, 0, Y.length);
    arg.set(new Int32Array(this.#k.memory.buffer, a, arg.length));
  }

  /** Y = relu(X). */
  reluForward(X: Float32Array, Y: Float32Array): void {
    const [x, y] = this.#layout(X.length, Y.length);
    this.#put(x, X, 0, X.length);
    this.#k.reluForward(X.length, x, y);
    this.#get(y, Y, 0, Y.length);
  }

  /** GX += G where X > 0. */
  reluBackward(X: Float32Array, G: Float32Array, GX: Float32Array): void {
    const [x, g, gx] = this.#layout(X.length, G.length, GX.length);
    this.#put(x, X, 0, X.length);
    this.#put(g, G, 0, G.length);
    this.#put(gx, GX, 0, GX.length);
    this.#k.reluBackward(X.length, x, g, gx);
    this.#get(gx, GX, 0, GX.length);
  }
}
