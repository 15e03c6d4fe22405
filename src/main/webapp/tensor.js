// nnjit's Tensor, shaped like ONNX Runtime Web's (onnxruntime-common's Tensor): the same constructor forms, the same
// field names (type, data, dims, size, location) and the same data arrays per type, so code written for ORT Web reads
// and builds nnjit tensors unchanged. CPU tensors only (location 'cpu').
//
//   new Tensor('float32', Float32Array | number[], [2, 3])   // dims default to [data.length]
//   new Tensor(Float32Array | BigInt64Array | ..., dims)      // type from the typed array
//   new Tensor([true, false])                                // 'bool' (Uint8Array of 0/1); ['a'] -> 'string'
//
// Data arrays by type (as ORT): float32 Float32Array, float64 Float64Array, int8 Int8Array, uint8 Uint8Array,
// int16 Int16Array, uint16 Uint16Array, int32 Int32Array, uint32 Uint32Array, int64 BigInt64Array, uint64
// BigUint64Array, bool Uint8Array, float16 Float16Array where the platform has it (else Uint16Array of IEEE half
// bits; both are accepted), string string[]. nnjit adds bfloat16 (Uint16Array of bfloat16 bits).
// This file has no imports: it is also part of the script-tag build (nnjit.global.js).

const HAS_FLOAT16_ARRAY = typeof Float16Array !== "undefined" && typeof Float16Array.from === "function";

/** ORT's tensor type -> the constructor of its data array. */
const TYPED_ARRAY_OF_TYPE = new Map([
  ["float32", Float32Array], ["float64", Float64Array],
  ["int8", Int8Array], ["uint8", Uint8Array], ["int16", Int16Array], ["uint16", Uint16Array],
  ["int32", Int32Array], ["uint32", Uint32Array], ["int64", BigInt64Array], ["uint64", BigUint64Array],
  ["bool", Uint8Array], ["float16", HAS_FLOAT16_ARRAY ? Float16Array : Uint16Array], ["bfloat16", Uint16Array],
  ["int4", Uint8Array], ["uint4", Uint8Array],
]);

/** A typed array's constructor -> the type a Tensor built from it alone gets (as ORT). */
const TYPE_OF_TYPED_ARRAY = new Map([
  [Float32Array, "float32"], [Float64Array, "float64"], [Int8Array, "int8"], [Uint8Array, "uint8"],
  [Int16Array, "int16"], [Uint16Array, "uint16"], [Int32Array, "int32"], [Uint32Array, "uint32"],
  [BigInt64Array, "int64"], [BigUint64Array, "uint64"],
]);
if (HAS_FLOAT16_ARRAY) TYPE_OF_TYPED_ARRAY.set(Float16Array, "float16");

export class Tensor {
  constructor(arg0, arg1, arg2) {
    let type;
    let data;
    let dims;
    if (typeof arg0 === "string") {
      type = arg0;
      dims = arg2;
      data = dataForType(type, arg1);
    } else {
      dims = arg1;
      if (Array.isArray(arg0)) {
        if (arg0.length === 0) throw new TypeError("Tensor type cannot be inferred from an empty array.");
        const first = typeof arg0[0];
        if (first === "string") {
          type = "string";
          data = arg0;
        } else if (first === "boolean") {
          type = "bool";
          data = Uint8Array.from(arg0, (v) => (v ? 1 : 0));
        } else {
          throw new TypeError(`Invalid element type of data array: ${first}.`);
        }
      } else {
        type = arg0 == null ? undefined : TYPE_OF_TYPED_ARRAY.get(arg0.constructor);
        if (type === undefined) {
          throw new TypeError(`Unsupported type for tensor data: ${arg0 == null ? arg0 : arg0.constructor.name}.`);
        }
        data = arg0;
      }
    }
    if (dims === undefined) {
      dims = [data.length];
    } else if (!Array.isArray(dims)) {
      throw new TypeError("A tensor's dims must be a number array");
    }
    const size = sizeOf(dims);
    if (size !== data.length) throw new Error(`Tensor's size(${size}) does not match data length(${data.length}).`);
    this.type = type;
    this.dims = Object.freeze(dims.slice());
    this.size = size;
    this.location = "cpu";
    this.cpuData = data;
  }

  /** The data array (ORT's getter; CPU tensors always have one). */
  get data() {
    if (this.cpuData === undefined) throw new Error("The data is not on CPU: this tensor was disposed.");
    return this.cpuData;
  }

  /** As ORT: a promise of the data (immediate for CPU tensors). */
  async getData() {
    return this.data;
  }

  /** A tensor of the same type and data with other dims (the data is shared, as ORT). */
  reshape(dims) {
    return new Tensor(this.type, this.data, dims);
  }

  /**
   * The data as nested arrays following dims (transformers.js's tolist): numbers, or BigInts for 64-bit integer
   * types; a 0-d tensor gives its one value.
   */
  tolist() {
    const data = this.data;
    const dims = this.dims;
    const build = (axis, offset) => {
      if (axis === dims.length) return data[offset];
      let stride = 1;
      for (let i = axis + 1; i < dims.length; i++) stride *= dims[i];
      const row = new Array(dims[axis]);
      for (let i = 0; i < dims[axis]; i++) row[i] = build(axis + 1, offset + i * stride);
      return row;
    };
    return build(0, 0);
  }

  /** Drops the reference to the data (as ORT; CPU memory is garbage collected). */
  dispose() {
    this.cpuData = undefined;
  }
}

/** Product of dims; each must be a non-negative safe integer (ORT's messages). */
function sizeOf(dims) {
  let size = 1;
  for (const d of dims) {
    if (typeof d !== "number" || !Number.isSafeInteger(d)) throw new TypeError(`dims[${dims.indexOf(d)}] must be an integer, got: ${d}`);
    if (d < 0) throw new RangeError(`dims[${dims.indexOf(d)}] must be a non-negative integer, got: ${d}`);
    size *= d;
  }
  return size;
}

/** The data array for new Tensor(type, data): typed arrays of the type's kind as they are, plain arrays converted. */
function dataForType(type, data) {
  if (type === "string") {
    if (!Array.isArray(data) || data.some((v) => typeof v !== "string")) {
      throw new TypeError("A string tensor's data must be a string array.");
    }
    return data;
  }
  const ctor = TYPED_ARRAY_OF_TYPE.get(type);
  if (ctor === undefined) throw new TypeError(`Unsupported tensor type: ${type}.`);
  if (Array.isArray(data)) {
    if (type === "float16" && ctor === Uint16Array || type === "bfloat16" || type === "int4" || type === "uint4") {
      throw new TypeError(`Creating a ${type} tensor from number array is not supported. Please use Uint16Array as data.`);
    }
    if (type === "int64" || type === "uint64") return ctor.from(data, (v) => BigInt(v));
    if (type === "bool") return Uint8Array.from(data, (v) => (v ? 1 : 0));
    return ctor.from(data);
  }
  if (data instanceof ctor) return data;
  if (type === "uint8" && data instanceof Uint8ClampedArray) return Uint8Array.from(data);
  if (type === "float16" && data instanceof Uint16Array) return HAS_FLOAT16_ARRAY ? bitsToFloat16Array(data) : data;
  throw new TypeError(`A ${type} tensor's data must be type of ${ctor.name}`);
}

// ---- float16 / bfloat16 bits <-> numbers (the engine takes and gives these types as widened float32) ----

/** IEEE half bits -> value (exact). */
export function halfBitsToNumber(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Value -> IEEE half bits, rounded to nearest even (overflow to infinity, NaN kept). */
export function numberToHalfBits(v) {
  const f32 = new Float32Array([v]);
  const x = new Uint32Array(f32.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++; // a carry into the exponent is still correct
  return sign | half;
}

/** bfloat16 bits -> value (exact). */
export function bfloat16BitsToNumber(b) {
  return new Float32Array(new Uint32Array([b << 16]).buffer)[0];
}

/** Value -> bfloat16 bits, rounded to nearest even (NaN kept). */
export function numberToBfloat16Bits(v) {
  const x = new Uint32Array(new Float32Array([v]).buffer)[0];
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff)) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

function bitsToFloat16Array(bits) {
  return Float16Array.from(bits, halfBitsToNumber);
}

/** The data array ORT users get for a float16 tensor from values (Float16Array, or Uint16Array of bits). */
export function float16DataOf(values) {
  return HAS_FLOAT16_ARRAY ? Float16Array.from(values) : Uint16Array.from(values, numberToHalfBits);
}

/** The values of a float16 tensor's data (Float16Array or Uint16Array of bits) as float32. */
export function float16Values(data) {
  return data instanceof Uint16Array ? Float32Array.from(data, halfBitsToNumber) : Float32Array.from(data);
}

export const TENSOR_TYPES = [...TYPED_ARRAY_OF_TYPE.keys(), "string"];
