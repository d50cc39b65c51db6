// unit.json, the settings the compiler writes beside the runtime: accepted shapes and error messages.
import { describe, expect, it } from "vitest";
import { requireRuntime } from "./runtime-modules.js";

const { validateUnitConfig } = requireRuntime("unit-config.js");
const VALID = { unit: "pugs", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: true };

describe("unit.json", () => {
  it("accepts the compiler's shape, with kv settings defaulting to none", () => {
    expect(validateUnitConfig(VALID)).toEqual({ ...VALID, kv: {} });
    const kv = { dogs: { ttl: 60, versioned: true }, cats: {} };
    expect(validateUnitConfig({ ...VALID, moduleKind: "esm", gateway: false, kv })).toEqual({ ...VALID, moduleKind: "esm", gateway: false, kv });
    expect(validateUnitConfig({ ...VALID, gateway: false, startsApp: true })).toEqual({ ...VALID, gateway: false, startsApp: true, kv: {} });
  });

  it.each<[string, unknown, string]>([
    ["not an object", [], "expected a JSON object"],
    ["no entrypoint", { ...VALID, entrypoint: "" }, '"entrypoint" must be a non-empty string'],
    ["an unknown module kind", { ...VALID, moduleKind: "amd" }, '"moduleKind" must be "cjs" or "esm"'],
    ["gateway as a string", { ...VALID, gateway: "yes" }, '"gateway" must be true or false'],
    ["startsApp as a string", { ...VALID, startsApp: "yes" }, '"startsApp" must be true or false'],
    ["a negative ttl", { ...VALID, kv: { dogs: { ttl: -1 } } }, '"kv.dogs.ttl" must be a positive number of seconds'],
    ["versioned as a number", { ...VALID, kv: { dogs: { versioned: 1 } } }, '"kv.dogs.versioned" must be true or false'],
  ])("rejects %s", (_case, value, problem) => {
    expect(() => validateUnitConfig(value)).toThrow(`unit.json is invalid: ${problem}`);
  });
});
