import { describe, expect, it } from "vitest";
import { sha256 } from "../../src/util/sha256.js";

describe("sha256", () => {
  it("is the SHA-256 of a text's UTF-8, in hex, as names and cache keys record it", () => {
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // A character outside Latin-1 is hashed as its UTF-8 bytes, not as UTF-16 or one byte a character.
    const text = "café ☕ GET /menü";
    expect(sha256(text)).toBe(sha256(new TextEncoder().encode(text)));
    expect(sha256(text)).not.toBe(sha256(Buffer.from(text, "latin1")));
  });

  it("hashes bytes as they are", () => {
    expect(sha256(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256("abc"));
    // Not valid UTF-8: hashed as the two bytes, not as a text decoded from them.
    expect(sha256(Buffer.from([0xff, 0x00]))).toBe("ea5dbf9596d187e9500f23e9a680109475341cf4e81f7e043f7d97152c10772f");
  });
});
