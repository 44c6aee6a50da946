import { describe, expect, it } from "vitest";
import { ProtoWriter, encodeVarint } from "./protobuf.ts";

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

describe("varints", () => {
  it("encode 7 bits per byte, least significant group first, high bit meaning 'more follows'", () => {
    expect(hex(encodeVarint(0))).toBe("00");
    expect(hex(encodeVarint(1))).toBe("01");
    expect(hex(encodeVarint(127))).toBe("7f");
    expect(hex(encodeVarint(128))).toBe("80 01"); // 128 = 0b1_0000000
    expect(hex(encodeVarint(150))).toBe("96 01"); // the spec's example: 0b10_0010110
    expect(hex(encodeVarint(300))).toBe("ac 02");
  });

  it("encode values above 2^32 without 32-bit truncation", () => {
    // 2^32 = 1 followed by 32 zero bits: four groups of 7 zeros (with continuation), then 0b10000.
    expect(hex(encodeVarint(2 ** 32))).toBe("80 80 80 80 10");
  });

  it("encode negative int64 values as ten bytes of two's complement", () => {
    expect(hex(encodeVarint(-1))).toBe("ff ff ff ff ff ff ff ff ff 01");
    expect(hex(encodeVarint(-2))).toBe("fe ff ff ff ff ff ff ff ff 01");
  });
});

describe("ProtoWriter", () => {
  it("writes a varint field as key (field << 3 | 0) then the value", () => {
    // The spec's Test1 { a: 150 } with a = field 1.
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe("08 96 01");
  });

  it("writes a string as key (field << 3 | 2), byte length, UTF-8 bytes", () => {
    expect(hex(new ProtoWriter().string(2, "testing").finish())).toBe("12 07 74 65 73 74 69 6e 67");
    expect(hex(new ProtoWriter().string(1, "é").finish())).toBe("0a 02 c3 a9");
  });

  it("writes a float as key (field << 3 | 5) and 4 little-endian bytes", () => {
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe("15 00 00 80 3f");
    expect(hex(new ProtoWriter().float(2, -2.5).finish())).toBe("15 00 00 20 c0");
  });

  it("writes a sub-message as a length-delimited field", () => {
    // The spec's Test3 { c: Test1 { a: 150 } } with c = field 3.
    const bytes = new ProtoWriter().message(3, (m) => m.int(1, 150)).finish();
    expect(hex(bytes)).toBe("1a 03 08 96 01");
  });

  it("writes packed repeated varints as one length-delimited record", () => {
    // The spec's example: repeated int32 f = 4 [3, 270, 86942] → 22 06 03 8e 02 9e a7 05.
    expect(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish())).toBe("22 06 03 8e 02 9e a7 05");
  });

  it("writes packed repeated floats as one record of 4 bytes each", () => {
    expect(hex(new ProtoWriter().packedFloats(4, [1, -2.5]).finish())).toBe("22 08 00 00 80 3f 00 00 20 c0");
  });

  it("uses a two-byte key for field numbers of 16 and above", () => {
    // AttributeProto.type = 20: key = 20 << 3 | 0 = 160 = varint a0 01.
    expect(hex(new ProtoWriter().int(20, 2).finish())).toBe("a0 01 02");
  });

  it("grows past its initial buffer", () => {
    const big = new Uint8Array(1000).fill(7);
    const bytes = new ProtoWriter().bytes(1, big).finish();
    expect(bytes.length).toBe(1 + 2 + 1000); // key, varint(1000) = e8 07, payload
    expect(hex(bytes.subarray(0, 3))).toBe("0a e8 07");
    expect(bytes[1002]).toBe(7);
  });
});
