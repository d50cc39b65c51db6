// emitYaml against the yaml package it stands in for: wherever the fast path answers, its text must
// be yaml's `stringify(value, { lineWidth: 0 })` byte for byte; it must answer for klotho.yaml's
// shapes; and it must step aside (undefined) for what it does not mirror.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Document, parse, stringify } from "yaml";
import type { ConfigFile } from "../../src/load/config.js";
import type { Inputs } from "../../src/load/inputs.js";
import { effectiveConfig, planApp } from "../../src/plan/index.js";
import { CORE_SCALAR_TESTS, emitYaml } from "../../src/util/yaml-emit.js";
import { configFile } from "../helpers/plan-inputs.js";
import { pugsInput } from "../plan/pugs.js";

const yamlText = (value: unknown): string => stringify(value, { lineWidth: 0 });

const TRICKY_STRINGS = [
  "yes", "No", "on", "OFF", "y", "n", "null", "Null", "NULL", "nULL", "~", "true", "True", "TRUE", "tRUE", "false",
  "1e3", "1E3", "1.e5", "0x1F", "0X1F", "0x", "0o7", "0o8", "0b1", ".inf", "-.inf", "+.INF", ".nan", ".NaN", "-.5", ".5", "13.7",
  "007", "+1", "-1", "1.", "1_000", "1,000", ".", "-", "?", ":", "a: b", "a:b", "x:", ":x", "a #b", "a#b", "#x", "-x", "- x", "?x", "? x",
  "@x", "`x", "%x", "x%", "{x}", "x{", "[x]", "x]", "*x", "x*", "&x", "!x", "|", ">", "|x", ">x", ",x", "x,", "'x", '"x', "a'b", 'a"b',
  "a'\"b", "'", '"', "\\", "a\\b", "a\\nb", "<<", "=", "---", "---x", "x---", "...", "...x", "key with space", " lead", "trail ", "",
  "multi\nline", "trail\n", "\nlead", "tab\tx", "ünï", "é", "\u00a0", "\u2028", "ctrl\u0001", "del\u007f", "../app", "db.t4g.micro",
  "lambda", "PriceClass_100", "Shop orders", "/work/pugs", "C:\\x", "http://x.y/z?q=1#f", "a b: c", "x".repeat(300),
];
const TRICKY_NUMBERS = [0, -0, 1, -1, 7, 1.5, -0.5, 0.5, 0.1, 1e21, 1e-7, -1e-300, 123456789.125, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), Number.MAX_VALUE, Number.MIN_VALUE];
const ALPHABET = "aaaaabcxyzZ0123456789       ..--__::##,,[]{}&*!|>'\"%@`?~+/\\=<\t\nü";

/** mulberry32: a small seeded generator, so every run tests the same values. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random JSON-like values: mostly what emitYaml takes, now and then something it must refuse. */
function valueGenerator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const randomString = (): string => {
    if (random() < 0.4) return pick(TRICKY_STRINGS);
    const length = random() < 0.05 ? 1000 + Math.floor(random() * 40) : Math.floor(random() * 8);
    return Array.from({ length }, () => ALPHABET.charAt(Math.floor(random() * ALPHABET.length))).join("");
  };
  const randomNumber = (): number => {
    if (random() < 0.4) return pick(TRICKY_NUMBERS);
    const magnitude = 10 ** Math.floor(random() * 44 - 22);
    return random() < 0.5 ? Math.round((random() - 0.5) * 2000) : (random() - 0.5) * magnitude;
  };
  const shared = { shared: true };
  const scalar = (): unknown => {
    const roll = random();
    if (roll < 0.55) return randomString();
    if (roll < 0.8) return randomNumber();
    if (roll < 0.9) return random() < 0.5;
    if (roll < 0.95) return null;
    return pick([undefined, Number.NaN, Number.POSITIVE_INFINITY, new Date(0), new Map(), shared, () => 1, 10n]);
  };
  const value = (depth: number): unknown => {
    const roll = random();
    if (depth > 3 || roll < 0.4) return scalar();
    const size = Math.floor(random() * 4);
    if (roll < 0.7) return Object.fromEntries(Array.from({ length: size }, () => [randomString(), value(depth + 1)]));
    return Array.from({ length: size }, () => value(depth + 1));
  };
  return () => Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 4) }, () => [randomString(), value(0)]));
}

function inputs(rulePaths: readonly string[] = []): Pick<Inputs, "project" | "settings"> {
  return {
    project: { root: "/work/pugs", packageJson: { path: "/work/pugs/package.json", data: {} }, files: [], otherFiles: [] },
    settings: { app: "pugs", provider: "aws", outDir: "/work/pugs/compiled", rulePaths },
  };
}

async function effectiveKlothoYaml(config?: ConfigFile, rulePaths: readonly string[] = []): Promise<unknown> {
  const result = await planApp(pugsInput(config ? { configFile: config } : {}));
  expect(result.diagnostics).toEqual([]);
  return effectiveConfig(inputs(rulePaths), result.effectiveConfig);
}

describe("emitYaml", () => {
  it("quotes exactly the strings yaml's core schema would read as another type", () => {
    const { schema } = new Document();
    expect(schema.compat).toBeNull();
    const yamlTests = schema.tags.filter((tag) => tag.default === true && tag.tag !== "tag:yaml.org,2002:str" && tag.test !== undefined);
    expect(yamlTests.map((tag) => String(tag.test))).toEqual(CORE_SCALAR_TESTS.map(String));
  });

  it("writes what yaml writes, for every value it answers for (seeded random values)", () => {
    const nextValue = valueGenerator(seededRandom(20240611));
    let answered = 0;
    const total = 4000;
    for (let index = 0; index < total; index++) {
      const value = nextValue();
      const fast = emitYaml(value);
      if (fast === undefined) continue;
      answered++;
      expect(fast, JSON.stringify(value)).toBe(yamlText(value));
    }
    // The comparison means something only if the fast path answers often enough.
    expect(answered).toBeGreaterThan(total / 4);
  });

  it.each(TRICKY_STRINGS.map((text) => [JSON.stringify(text), text] as const))("writes %s as yaml does, as key, value and item", (_, text) => {
    for (const value of [{ [text]: text }, { nested: { [text]: [text, { [text]: [] }] } }, { list: [[text], {}] }]) {
      const fast = emitYaml(value);
      if (fast !== undefined) expect(fast).toBe(yamlText(value));
    }
  });

  it.each([
    ["plain", ["lambda", "../app", "db.t4g.micro", "Shop orders", "yes", "No", "on", "a:b", "a#b", "-x", "?x", "nULL", "0x", "0b1", "<<", "x---", "a'\"b", "\\"]],
    ["quoted", ["13.7", "007", "1e3", "0x1F", "0o7", ".inf", "-.5", "null", "~", "True", "", "a: b", "a #b", "#x", "- x", "x:", " lead", "trail ", "@x", "`x", "%x", "{x}", "[x]", "*x", "&x", "!x", "|", ">", "-", "?", "a'b", 'a"b']],
  ])("answers for %s strings", (_, strings) => {
    for (const text of strings) {
      const value = { [text]: { value: text, list: [text] } };
      expect(emitYaml(value), JSON.stringify(text)).toBe(yamlText(value));
    }
  });

  it("answers for an empty map, and for empty collections inside maps and sequences", () => {
    for (const value of [{}, { a: {}, b: [], c: [{}, [], [[]], [{}]] }]) expect(emitYaml(value)).toBe(yamlText(value));
  });

  it("answers for every finite number, as yaml writes it", () => {
    for (const number of TRICKY_NUMBERS) expect(emitYaml({ number, list: [number] })).toBe(yamlText({ number, list: [number] }));
  });

  it("writes keys up to yaml's implicit-key limit and leaves longer ones to yaml", () => {
    for (const length of [1022, 1023, 1024, 1025, 1026]) {
      for (const key of ["k".repeat(length), `:${"k".repeat(length - 1)}`]) {
        const fast = emitYaml({ [key]: 1 });
        if (fast !== undefined) expect(fast).toBe(yamlText({ [key]: 1 }));
      }
    }
    expect(emitYaml({ ["k".repeat(1024)]: 1 })).toBeDefined();
    expect(emitYaml({ ["k".repeat(1025)]: 1 })).toBeUndefined();
  });

  it.each([
    ["a root that is not a map", ["a"]],
    ["undefined, which yaml drops", { a: undefined }],
    ["NaN and infinities", { a: Number.NaN, b: Number.POSITIVE_INFINITY }],
    ["an object met twice (yaml's anchor and alias)", (() => { const shared = { x: 1 }; return { a: shared, b: shared }; })()],
    ["an empty map met twice", (() => { const shared = {}; return { a: shared, b: [shared] }; })()],
    ["a cycle", (() => { const cycle: Record<string, unknown> = {}; cycle["self"] = cycle; return cycle; })()],
    ["class instances, dates and maps", { a: new Date(0), b: new Map([["x", 1]]), c: new (class Point { x = 1 })() }],
    ["bigints and functions", { a: 10n, b: () => 1 }],
    ["iterable objects, which yaml writes as sequences", { a: { x: 1, *[Symbol.iterator]() { yield 2; } } }],
    ["multi-line strings", { a: "one\ntwo" }],
    ["non-ASCII strings", { a: "ünï" }],
    ["tabs and control characters", { a: "x\ty", b: "\u0001" }],
    ["document markers", { "---": "x", a: "...x" }],
    ["holes in arrays", { a: [1, , 3] }],
  ])("leaves %s to yaml", (_, value) => {
    expect(emitYaml(value)).toBeUndefined();
  });

  it("answers for the effective klotho.yaml of a compile", async () => {
    const config = await effectiveKlothoYaml();
    expect(emitYaml(config)).toBe(yamlText(config));
  });

  it("answers for an effective klotho.yaml with user defaults, rules and environment variables", async () => {
    const user = configFile(
      [
        "defaults:",
        "  execution_unit:",
        "    type: ecs",
        "    pulumi_params_by_type: { ecs: { cpu: 512 }, lambda: { description: Pug service, timeout: 30.5 } }",
        "execution_units:",
        "  pugs:",
        "    environment_variables: { TABLE: dogs, LOG_LEVEL: debug, RETRIES: '3', DEBUG: 'false' }",
        "",
      ].join("\n"),
    );
    const config = await effectiveKlothoYaml(user, ["/work/pugs/policy", "/work/shared/rules.yaml"]);
    expect(emitYaml(config)).toBe(yamlText(config));
  });

  it.each([
    "runtime/ts-cjs-storage",
    "capabilities/static-site",
    "capabilities/pubsub-cjs-units",
    "express/config-overrides",
    "storage/ts-two-units",
  ])("answers for the klotho.yaml of fixture %s", (name) => {
    const value: unknown = parse(readFileSync(path.join(import.meta.dirname, "../fixtures", name, "klotho.yaml"), "utf8"));
    expect(emitYaml(value)).toBe(yamlText(value));
  });
});
