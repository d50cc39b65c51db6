import { describe, expect, it } from "vitest";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeUnits, lines, summarizeFacts, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface AwaitCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `file:line:col method` of each kv/missing-await warning. */
  readonly warnings: readonly string[];
}

const persisted = lines(`/** @klotho::persist { id = "carts" } */`, "const carts = new Map();", "module.exports = { carts };");
const handler = (...body: string[]): string => lines(`const { carts } = require("./store");`, "async function handle(req, res) {", ...body.map((b) => `  ${b}`), "}", "module.exports = { handle };");

const cases: AwaitCase[] = [
  {
    name: "every async method called as a statement is missing its await",
    files: {
      "store.js": persisted,
      "h.js": handler("carts.get(1);", "carts.set(1, 2);", "carts.has(1);", "carts.delete(1);", "carts.clear();", "carts.keys();", "carts.values();", "carts.entries();"),
    },
    warnings: ["h.js:3:3 get", "h.js:4:3 set", "h.js:5:3 has", "h.js:6:3 delete", "h.js:7:3 clear", "h.js:8:3 keys", "h.js:9:3 values", "h.js:10:3 entries"],
  },
  {
    name: "a promise kept in a variable or passed to another function is dropped too; so is forEach's and size()'s",
    files: { "store.js": persisted, "h.js": handler("const cart = carts.get(req.id);", "res.send(carts.get(req.id));", "carts.forEach((v) => v);", "res.send(carts.size());", "await carts.forEach((v) => v);") },
    warnings: ["h.js:3:16 get", "h.js:4:12 get", "h.js:5:3 forEach", "h.js:6:12 size"],
  },
  {
    name: "awaited, returned, an arrow's body, chained, or passed to Promise.all and its siblings",
    files: {
      "store.js": persisted,
      "h.js": handler(
        "await carts.set(req.id, req.body);",
        "res.send(await carts.get(req.id));",
        "const all = await Promise.all([carts.get(1), carts.get(2)]);",
        "await Promise.allSettled(req.ids.map((id) => carts.delete(id)));",
        "carts.keys().then((keys) => res.send(keys)).catch(() => {});",
        "await Promise.race([carts.has(1)]);",
        "const v = (await (carts.get(3))) ?? (await carts.get(4));",
        "return req.cached ? carts.get(5) : carts.values();",
      ),
    },
    warnings: [],
  },
  {
    name: "iterated with for await, which awaits what it iterates (a plain for...of does not)",
    files: {
      "store.js": persisted,
      "h.js": handler("for await (const k of carts.keys()) res.write(k);", "for await (const [k, v] of carts.entries()) res.write(k + v);", "const it = carts.values();", "for await (const v of it) res.write(v);", "for (const k of carts.keys()) res.write(k);"),
    },
    warnings: ["h.js:7:19 keys"],
  },
  {
    name: "a promise kept in a variable that is awaited, returned or combined later is looked after",
    files: {
      "store.js": persisted,
      "h.js": handler(
        "const a = carts.get(1);",
        "const b = carts.get(2);",
        "const c = carts.get(3);",
        "const d = carts.get(4);",
        "const e = carts.get(5);",
        "res.send(await a);",
        "await Promise.all([b, carts.get(6)]);",
        "c.then((v) => v);",
        "res.send({ e: e });",
        "return d;",
      ),
      "loop.js": lines(`const { carts } = require("./store");`, "var x = carts.get(1);", "var y = x;", "var x = y;"),
    },
    warnings: ["h.js:7:13 get", "loop.js:2:9 get"],
  },
  {
    name: "an ES module importing the store by name and by namespace",
    files: {
      "store.mjs": lines(`/** @klotho::persist { id = "carts" } */`, "export const carts = new Map();"),
      "a.mjs": lines(`import { carts } from "./store.mjs";`, "export async function put(k, v) {", "  carts.set(k, v);", "  await carts.set(k, v);", "}"),
      "b.mjs": lines(`import * as store from "./store.mjs";`, "export const read = (k) => { store.carts.get(k); };"),
    },
    warnings: ["a.mjs:3:3 set", "b.mjs:2:30 get"],
  },
  {
    name: "TypeScript: type assertions and non-null do not hide the await",
    files: {
      "store.ts": lines(`/** @klotho::persist { id = "carts" } */`, "export const carts = new Map<string, number>();"),
      "h.ts": lines(`import { carts } from "./store";`, "export async function f(k: string) {", "  const a = await (carts.get(k) as Promise<number>);", "  const b = (await carts.get(k))!;", "  carts.set(k, a + b);", "}"),
    },
    warnings: ["h.ts:5:3 set"],
  },
  {
    name: "a promise tested by ||, ?? or && is always truthy, returned or not",
    files: { "store.js": persisted, "h.js": handler("if (carts.has(1) && req.ok) res.end();", "res.send(carts.get(2) ?? {});", "return carts.get(3) || {};") },
    warnings: ["h.js:3:7 has", "h.js:4:12 get", "h.js:5:10 get"],
  },
  {
    name: "a Map that is not persisted stays synchronous",
    files: { "m.js": lines("const cache = new Map();", "cache.set(1, 2);", "cache.get(1);") },
    warnings: [],
  },
];

describe('kv maps: "Call is async, but is missing await"', () => {
  it.each(cases)("$name", ({ files, options, warnings }) => {
    const { units, diagnostics } = analyzeUnits(files, options);
    expect(diagnostics).toEqual([]);
    const found = units.diagnostics.filter((d) => d.code === "kv/missing-await");
    expect(found.map((d) => `${d.range ? formatLocation(d.range) : "-"} ${/so (\w+)\(\)/.exec(d.message)?.[1] ?? "?"}`)).toEqual(warnings);
    expect(found.every((d) => d.severity === "warning" && d.message.startsWith('Call is async, but is missing "await": the Map is persisted as \'carts\''))).toBe(true);
  });

  it("records each dropped promise as an unawaited_call fact, persisted or not", () => {
    const { facts } = analyzeUnits({ "m.js": lines("const cache = new Map();", "cache.set(1, 2);", "async function f() { await cache.get(1); }") });
    expect(summarizeFacts(facts, "unawaited_call")).toEqual(["unawaited_call m.js:2 set m.js:1"]);
  });
});

describe("kv maps: what only an in-memory Map allows", () => {
  const syncUses = (files: SourceTree): string[] =>
    analyzeUnits(files)
      .units.diagnostics.filter((d) => d.code === "kv/sync-size" || d.code === "kv/sync-iteration")
      .map((d) => `${d.range ? formatLocation(d.range) : "-"} ${d.code}`);

  it("reading size and iterating without await are warnings on a persisted Map", () => {
    const files = {
      "store.js": persisted,
      "h.js": handler("res.send(String(carts.size));", "for (const [key] of carts) res.write(key);", "const all = [...carts];", "res.send(...carts);", "const n = await carts.size();", "for await (const [key] of carts) res.write(key);"),
    };
    expect(syncUses(files)).toEqual(["h.js:3:25 kv/sync-size", "h.js:4:23 kv/sync-iteration", "h.js:5:19 kv/sync-iteration", "h.js:6:15 kv/sync-iteration"]);
    const [size, iteration] = analyzeUnits(files).units.diagnostics.filter((d) => d.code.startsWith("kv/sync-"));
    expect(size?.message).toBe("The Map is persisted as 'carts': in the cloud its size is a method that returns a promise (await map.size()), so reading size there gives a function, not a number.");
    expect(iteration?.message).toBe("The Map is persisted as 'carts', which the cloud cannot iterate synchronously (for...of, spread, Array.from, new Map(...)): use for await (const [key, value] of map), which works on a plain Map too.");
    expect(size?.severity).toBe("warning");
  });

  it("handing it to a built-in that iterates it at once, or destructuring it as an array, is a synchronous iteration too (the runtime throws there)", () => {
    const files = {
      "store.js": persisted,
      "h.js": handler("res.json(Array.from(carts));", "res.json(Object.fromEntries(carts));", "const copy = new Map(carts), ids = new Set(carts);", "res.json(Array.from(await carts.keys()), new Map(await carts.entries()));", "const [first, ...rest] = carts;", "const [[key]] = [await carts.entries()];"),
      "own.js": lines(`const { carts } = require("./store");`, "const Array = { from: (x) => x };", "module.exports = () => Array.from(carts);"),
    };
    expect(syncUses(files)).toEqual(["h.js:3:23 kv/sync-iteration", "h.js:4:31 kv/sync-iteration", "h.js:5:24 kv/sync-iteration", "h.js:5:46 kv/sync-iteration", "h.js:7:9 kv/sync-iteration"]);
  });

  it("a Map that is not persisted may be used synchronously", () => {
    expect(syncUses({ "m.js": lines("const cache = new Map();", "cache.set(1, 2);", "const n = cache.size;", "for (const [k] of cache) {}", "const all = [...cache];") })).toEqual([]);
  });
});

describe("kv maps: a function that returns a persisted Map's promise", () => {
  /** `file:line:col through method` of each kv/missing-await warning about a call of a function of the program. */
  const helperWarnings = (files: SourceTree): string[] => {
    const { units, diagnostics } = analyzeUnits(files);
    expect(diagnostics).toEqual([]);
    return units.diagnostics
      .filter((d) => d.code === "kv/missing-await")
      .map((d) => `${d.range ? formatLocation(d.range) : "-"} ${/: ([\w.]+)\(\) returns the promise of a (\w+)\(\)/.exec(d.message)?.slice(1, 3).join(" ") ?? d.message}`);
  };
  const store = lines(
    `/** @klotho::persist { id = "carts" } */`,
    "const carts = new Map();",
    "function getCart(id) {",
    "  return carts.get(id);",
    "}",
    "function findCart(id) {",
    "  const cart = carts.get(id);",
    '  if (!cart) throw new Error("no cart");',
    "  return cart;",
    "}",
    "const hasCart = (id) => carts.has(id);",
    "function firstCart(id) {",
    "  if (id) return carts.get(id);",
    "  return undefined;",
    "}",
    "function lastCart(id) {",
    "  if (!id) return null;",
    "  return carts.get(id);",
    "}",
    "async function loadCart(id) {",
    "  return carts.get(id);",
    "}",
    "class Repo {",
    "  find(id) {",
    "    return getCart(id);",
    "  }",
    "}",
    "module.exports = { getCart, findCart, hasCart, firstCart, lastCart, loadCart, repo: new Repo() };",
  );

  it("warns at a call whose promise is dropped, with file:line:col of the call, through helpers, methods and files", () => {
    const files = {
      "store.js": store,
      "h.js": lines(
        `const express = require("express");`,
        `const store = require("./store");`,
        `const { getCart, findCart, hasCart } = require("./store");`,
        "const app = express();",
        `app.get("/a/:id", (req, res) => res.json(getCart(req.params.id)));`,
        `app.get("/b/:id", (req, res) => {`,
        "  const cart = findCart(req.params.id);",
        "  res.json(cart);",
        "});",
        `app.get("/c/:id", (req, res) => res.send(hasCart(req.params.id) ? "yes" : "no"));`,
        `app.get("/d/:id", (req, res) => res.json(store.repo.find(req.params.id)));`,
        `app.get("/e/:id", (req, res) => res.json([store.getCart(req.params.id), store.firstCart(req.params.id)]));`,
        `app.get("/f/:id", (req, res) => { store.loadCart(req.params.id); res.end(); });`,
        `app.get("/g/:id", (req, res) => res.json(store.lastCart(req.params.id)));`,
        "module.exports = app;",
      ),
    };
    expect(helperWarnings(files)).toEqual([
      "h.js:5:42 getCart get",
      "h.js:7:16 findCart get",
      "h.js:10:42 hasCart has",
      "h.js:11:42 store.repo.find get",
      "h.js:12:43 store.getCart get",
      "h.js:12:73 store.firstCart get",
      "h.js:13:35 store.loadCart get",
      "h.js:14:42 store.lastCart get",
    ]);
    const [first] = analyzeUnits(files).units.diagnostics.filter((d) => d.code === "kv/missing-await");
    expect(first?.message).toBe(`Call is async, but is missing "await": getCart() returns the promise of a get() call on the Map persisted as 'carts'; await it, return it or pass it to Promise.all.`);
    expect(first?.related?.map((r) => `${r.message} ${formatLocation(r.range)}`)).toEqual(["getCart() returns the promise of this get() call store.js:4:10"]);
  });

  it("no warning when the call's promise is awaited, chained, returned, combined or awaited through a variable", () => {
    const files = {
      "store.js": store,
      "h.js": lines(
        `const { getCart, findCart, hasCart, loadCart, repo } = require("./store");`,
        "async function handle(req, res) {",
        "  res.json(await getCart(req.id));",
        "  getCart(req.id).then((cart) => res.json(cart));",
        "  const [a, b] = await Promise.all([findCart(1), repo.find(2)]);",
        "  const pending = hasCart(3);",
        "  if (await pending) res.end();",
        "  await loadCart(4);",
        "}",
        "function read(id) {",
        "  return getCart(id);",
        "}",
        "const readArrow = (id) => findCart(id);",
        "async function outer(id) {",
        "  return (await read(id)) || (await readArrow(id));",
        "}",
        "module.exports = { handle, outer };",
      ),
    };
    expect(helperWarnings(files)).toEqual([]);
  });

  it("no warning for a helper that awaits the map itself, nor for a Map that is not persisted", () => {
    const files = {
      "store.js": lines(
        `/** @klotho::persist { id = "carts" } */`,
        "const carts = new Map();",
        "const cache = new Map();",
        "async function getCart(id) {",
        "  const cart = await carts.get(id);",
        "  return cart;",
        "}",
        "function cached(id) {",
        "  return cache.get(id);",
        "}",
        "module.exports = { getCart, cached };",
      ),
      "h.js": lines(`const { getCart, cached } = require("./store");`, "async function handle(req, res) {", "  res.json(await getCart(req.id));", "  res.json(cached(req.id));", "}", "module.exports = { handle };"),
    };
    expect(helperWarnings(files)).toEqual([]);
  });

  it("an ES module's helper imported by name and by namespace", () => {
    const files = {
      "store.mjs": lines(`/** @klotho::persist { id = "carts" } */`, "const carts = new Map();", "export const getCart = (id) => carts.get(id);"),
      "a.mjs": lines(`import { getCart } from "./store.mjs";`, "export function total(id) {", "  const cart = getCart(id);", "  return cart.items.length;", "}"),
      "b.mjs": lines(`import * as store from "./store.mjs";`, "export const read = async (id) => { store.getCart(id); return await store.getCart(id); };"),
    };
    expect(helperWarnings(files)).toEqual(["a.mjs:3:16 getCart get", "b.mjs:2:37 store.getCart get"]);
  });

  it("what an await settles to is no longer the promise: a function returning it is not warned about", () => {
    const files = {
      "store.mjs": lines(`/** @klotho::persist { id = "carts" } */`, "export const carts = new Map();"),
      "a.mjs": lines(`import { carts } from "./store.mjs";`, "const cart = await carts.get(1);", "export const current = () => cart;", "export function handle(req, res) {", "  res.json(current());", "}"),
    };
    expect(helperWarnings(files)).toEqual([]);
  });
});
