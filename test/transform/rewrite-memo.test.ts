import { describe, expect, it } from "vitest";
import { createImportResolver } from "../../src/facts/resolve-import.js";
import { parseFile, type ParsedFile } from "../../src/parse/parse-file.js";
import { rewriteFile, type RewriteInput } from "../../src/transform/rewrite-file.js";
import { createUnitFileRewriter } from "../../src/transform/rewrite-memo.js";

const FILES = ["index.js", "a.js", "b.js", "helper.js"];
const resolve = createImportResolver(FILES, "/project", undefined);

function parsed(path: string, text: string): ParsedFile {
  const result = parseFile({ path, text, moduleKind: "cjs" });
  if (!result.parsed) throw new Error(`${path} did not parse`);
  return result.parsed;
}

const index = parsed("index.js", 'const a = require("./a");\nconst b = require("./b");\nmodule.exports = { a, b };\n');
const helper = parsed("helper.js", "module.exports.twice = (x) => x * 2;\n");

function input(file: ParsedFile, unitFiles: readonly string[], lambda = true): RewriteInput {
  return { parsed: file, unitFiles: new Set(unitFiles), lambda, annotations: [], facts: [], resolve, program: { get: () => undefined }, topicsOf: () => undefined, planned: () => true };
}

describe("a file's rewrite is shared by the units that see it the same way", () => {
  it("gives each unit the stand-ins of the files that unit does not hold", () => {
    const rewrite = createUnitFileRewriter();
    const both = rewrite(input(index, ["index.js", "a.js", "b.js"]));
    const onlyA = rewrite(input(index, ["index.js", "a.js"]));
    const onlyB = rewrite(input(index, ["index.js", "b.js"]));
    expect(both.file.text).toBe(index.file.text);
    expect(onlyA.file.text).toContain("'./b' runs in another unit");
    expect(onlyA.file.text).not.toContain("'./a' runs in another unit");
    expect(onlyB.file.text).toContain("'./a' runs in another unit");
    expect(onlyB.file.text).not.toContain("'./b' runs in another unit");
    expect(onlyA.needs.modules).toEqual(new Set(["other-unit"]));
    expect(both.needs.modules).toEqual(new Set());
  });

  it("reuses a rewrite when every answer it got holds for the next unit, whatever else that unit holds", () => {
    const rewrite = createUnitFileRewriter();
    const first = rewrite(input(index, ["index.js", "a.js"]));
    expect(rewrite(input(index, ["index.js", "a.js", "helper.js"]))).toBe(first);
    expect(rewrite(input(index, ["index.js", "a.js", "b.js"]))).not.toBe(first);
    expect(rewrite(input(helper, ["helper.js"]))).toBe(rewrite(input(helper, ["helper.js", "index.js", "a.js"])));
  });

  it("does not reuse a rewrite across Lambda and container units", () => {
    const rewrite = createUnitFileRewriter();
    const lambda = rewrite(input(helper, ["helper.js"], true));
    expect(rewrite(input(helper, ["helper.js"], false))).not.toBe(lambda);
    expect(rewrite(input(helper, ["helper.js"], true))).toBe(lambda);
  });
});

describe("a gateway's app file copied into many units", () => {
  const ROUTERS = 30;
  const routers = Array.from({ length: ROUTERS }, (_, n) => `r${String(n)}.js`);
  const app = parsed("app.js", `${routers.map((file, n) => `const r${String(n)} = require("./${file}");`).join("\n")}\nmodule.exports = [${routers.map((_, n) => `r${String(n)}`).join(", ")}];\n`);
  const resolveApp = createImportResolver(["app.js", ...routers], "/project", undefined);
  /** A unit holding the app file and `held` routers, counting the questions asked about it. */
  const unit = (held: readonly number[]) => {
    const files = new Set(["app.js", ...held.map((n) => routers[n] ?? "")]);
    const counted = { asked: 0, has: (file: string) => ((counted.asked += 1), files.has(file)) };
    return counted;
  };
  const rewriteFor = (rewrite: ReturnType<typeof createUnitFileRewriter>, members: ReturnType<typeof unit>) => rewrite({ ...input(app, []), unitFiles: members, resolve: resolveApp });
  const standIns = (text: string) => [...text.matchAll(/'\.\/(r\d+)\.js' runs in another unit/g)].map((m) => m[1]);

  it("gives each unit stand-ins for exactly the routers it does not hold", () => {
    const rewrite = createUnitFileRewriter();
    for (let n = 0; n < ROUTERS; n++) {
      const text = rewriteFor(rewrite, unit([n])).file.text;
      expect(standIns(text)).toEqual(routers.map((_, m) => `r${String(m)}`).filter((name) => name !== `r${String(n)}`));
    }
    // Units that split the earlier rewrites' shared answers in the middle, or at the last router.
    expect(standIns(rewriteFor(rewrite, unit([3, 7])).file.text)).toHaveLength(ROUTERS - 2);
    expect(standIns(rewriteFor(rewrite, unit([3, 29])).file.text)).toHaveLength(ROUTERS - 2);
    expect(standIns(rewriteFor(rewrite, unit([])).file.text)).toHaveLength(ROUTERS);
    expect(standIns(rewriteFor(rewrite, unit(routers.map((_, n) => n))).file.text)).toHaveLength(0);
  });

  it("finds an earlier unit's rewrite with no more questions than one rewrite asks, however many units came before", () => {
    const rewrite = createUnitFileRewriter();
    const first = Array.from({ length: ROUTERS }, (_, n) => rewriteFor(rewrite, unit([n])));
    for (const n of [0, 15, ROUTERS - 1]) {
      const again = unit([n]);
      expect(rewriteFor(rewrite, again)).toBe(first[n]);
      // One question per router the app file requires; comparing with each earlier unit in turn asked about n²/2 more.
      expect(again.asked).toBeLessThanOrEqual(ROUTERS);
    }
    const both = rewriteFor(rewrite, unit([3, 7]));
    expect(rewriteFor(rewrite, unit([3, 7]))).toBe(both);
    expect(rewriteFor(rewrite, unit([3]))).toBe(first[3]);
  });
});

describe("the memo against rewriting every unit afresh", () => {
  it("gives 300 units of random routers, in random order and some again, each the rewrite it would get alone", () => {
    const routers = Array.from({ length: 12 }, (_, n) => `r${String(n)}.js`);
    const app = parsed("app.js", `${routers.map((file, n) => `const r${String(n)} = require("./${file}");`).join("\n")}\nmodule.exports = [${routers.map((_, n) => `r${String(n)}`).join(", ")}];\n`);
    const resolveApp = createImportResolver(["app.js", ...routers], "/project", undefined);
    // A fixed pseudo-random sequence (mulberry32), so a failure is the same on every run.
    let seed = 1;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const rewrite = createUnitFileRewriter();
    for (let unit = 0; unit < 300; unit++) {
      // Few routers, many or none: the answers shared between units split at every depth of the tree.
      const share = [0.05, 0.5, 0.95][unit % 3] ?? 0.5;
      const held = new Set(["app.js", ...routers.filter(() => random() < share)]);
      const members = { ...input(app, [], random() < 0.8), unitFiles: held, resolve: resolveApp };
      expect(rewrite(members).file.text).toBe(rewriteFile(members).file.text);
    }
  });
});

describe("NestJS module lists in a unit's copy", () => {
  it("drop another unit's class from a dynamic module's lists (forRoot's return), as from @Module's", () => {
    const files = ["dogs.module.ts", "dogs.controller.ts", "dogs.service.ts"];
    const text = [
      'import { Module } from "@nestjs/common";',
      'import { DogsController } from "./dogs.controller";',
      'import { DogsService } from "./dogs.service";',
      "@Module({ controllers: [DogsController] })",
      "export class DogsModule {",
      "  static forRoot() { return { module: DogsModule, controllers: [DogsController], providers: [DogsService] }; }",
      "  static other() { return { controllers: [DogsController] }; }",
      "}",
      "",
    ].join("\n");
    const result = parseFile({ path: "dogs.module.ts", text, moduleKind: "cjs" });
    if (!result.parsed) throw new Error("did not parse");
    const rewrite = createUnitFileRewriter();
    const resolver = createImportResolver(files, "/project", undefined);
    const out = rewrite({ parsed: result.parsed, unitFiles: new Set(["dogs.module.ts", "dogs.service.ts"]), lambda: true, annotations: [], facts: [], resolve: resolver, program: { get: () => undefined }, topicsOf: () => undefined, planned: () => true }).file.text.split("\n");
    expect(out[3]).toBe("@Module({ controllers: [...[] /* klotho: 'DogsController' runs in another unit ('./dogs.controller') */] })");
    expect(out[5]).toBe("  static forRoot() { return { module: DogsModule, controllers: [...[] /* klotho: 'DogsController' runs in another unit ('./dogs.controller') */], providers: [DogsService] }; }");
    // Not a module: an object without `module` keeps its list.
    expect(out[6]).toBe("  static other() { return { controllers: [DogsController] }; }");
  });

  it("says a type-only import of a file the unit does not hold is erased as such, not that the file runs in another unit", () => {
    const typed = parseFile({ path: "index.ts", text: 'import type { A } from "./a";\nimport { type B } from "./b";\nexport const x: A | B = 1;\n', moduleKind: "cjs" });
    if (!typed.parsed) throw new Error("index.ts did not parse");
    const resolveTs = createImportResolver(["index.ts", "a.ts", "b.ts"], "/project", undefined);
    const text = createUnitFileRewriter()({ ...input(typed.parsed, ["index.ts"]), resolve: resolveTs }).file.text;
    expect(text).toContain("/* klotho: type-only import of './a', which is not in this unit */");
    expect(text).toContain("/* klotho: type-only import of './b', which is not in this unit */");
    expect(text).not.toContain("runs in another unit");
  });
});
