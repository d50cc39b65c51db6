// Which modules a compile runs from the start (facts/roots.ts), what a module's text says about its
// imports (facts/module-scan.ts), and the promise the two make: a compile that leaves the other modules
// to run when imported finds the same facts and problems as one that runs every module.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCode, type CodeReading } from "../../src/analyse.js";
import type { Node } from "@babel/types";
import type { ExtractorContext } from "../../src/facts/extractors/extractor.js";
import { EXTRACTORS } from "../../src/facts/extractors/registry.js";
import { RunState } from "../../src/facts/extractors/run-state.js";
import { entriesFirst, rootModules } from "../../src/facts/index.js";
import { ObjectRef, UNKNOWN } from "../../src/facts/interpreter/values.js";
import { importSpecifiers } from "../../src/facts/module-scan.js";
import { createImportResolver } from "../../src/facts/resolve-import.js";
import { createTsconfigSelector } from "../../src/load/tsconfig-scope.js";
import { readProject } from "../../src/load/project.js";
import { assignUnits } from "../../src/units/index.js";
import type { SourceRange } from "../../src/util/source-range.js";
import { fixtureProjects } from "../helpers/fixture-projects.js";
import { lines, summarizeDiagnostics, summarizeFacts, summarizeRoutes, virtualProject, type ProgramOptions, type SourceTree } from "../helpers/program.js";

describe("the import specifiers a module's text names", () => {
  it("finds every form of import, each once", () => {
    const text = lines(
      `import a from "./a";`,
      `import {`,
      `  b,`,
      `  c,`,
      `} from './b'`,
      `import "./side-effect";`,
      `export * from "./all";`,
      `export { d } from "./d"`,
      `const e = require ( "./e" );`,
      "const f = await import(`./f`);",
      `import g = require("./g");`,
      `type H = typeof import("./h");`,
      `const again = require("./e");`,
    );
    expect(importSpecifiers(text)).toEqual(["./a", "./b", "./side-effect", "./all", "./d", "./e", "./f", "./g", "./h"]);
  });

  it("reads no specifier out of a string that ends in `from` or `import`, and goes on to the real one", () => {
    expect(importSpecifiers(lines(`log("loaded from"); const db = require("./db");`, `const m = kind === 'import' ? require('./a') : require('./b');`))).toEqual(["./db", "./a", "./b"]);
  });

  it("reads a specifier after any number of comments", () => {
    const comments = "/* a comment */ ".repeat(40);
    expect(importSpecifiers(`const x = require(${comments}"./x");\n// data comes from ${comments}`)).toEqual(["./x"]);
  });

  it("reads a specifier written after a comment", () => {
    expect(importSpecifiers(lines(`await import(/* webpackChunkName: "db" */ "./db.js");`, `require( /* a */ /* b */ './c' );`))).toEqual(["./db.js", "./c"]);
  });

  it("leaves out what names no module it can read: a template with a placeholder, a variable", () => {
    expect(importSpecifiers(lines("require(`./routes/${name}`);", "require(name);", "import(folder + name);", "Array.from(items);"))).toEqual([]);
  });
});

/** The roots of an in-memory project, with package.json `main` as its entry when given. */
function roots(files: SourceTree, options: ProgramOptions & { entries?: string[] } = {}): string[] {
  const project = virtualProject(files, options);
  const resolve = createImportResolver(project.files.map((f) => f.path), project.root, createTsconfigSelector(project.root, project.tsconfigs), { otherFiles: project.otherFiles, ...(project.packages ? { packages: project.packages } : {}) });
  return rootModules(project.files, resolve, options.entries ?? []);
}

describe("the modules a compile runs from the start", () => {
  it("starts from annotated modules, modules importing a package an extractor knows, and what reacts on sight", () => {
    expect(
      roots({
        "annotated.js": "// @klotho::execution_unit { id = \"a\" }\nmodule.exports = 1;",
        "near-miss.js": "// @Klotho:expose { id = \"b\" }\n",
        "server.js": `const express = require("express");`,
        "builtin.mjs": `import { EventEmitter } from "node:events";`,
        "paths.js": `const path = require("path/posix");`,
        "store.ts": "export const cache = new Map<string, number>();",
        "wrapped.js": "const cache = new (Map)();",
        "send.js": "exports.home = (req, res) => res.sendFile(file);",
        "lodash.js": `const _ = require("lodash"); module.exports = _.chunk;`,
        "mapper.js": "module.exports = (xs) => xs.map((x) => x.id); // Download links are built elsewhere",
        "helper.js": "module.exports = (x) => x * 2;",
        "dead.js": `const helper = require("./helper");`,
      }),
    ).toEqual(["annotated.js", "builtin.mjs", "near-miss.js", "paths.js", "send.js", "server.js", "store.ts", "wrapped.js"]);
  });

  it("knows a package when an extractor answers for it: each declares the packages its module hook answers, and answers each", () => {
    const ctx: ExtractorContext = {
      file: "a.js",
      range: () => ({}) as SourceRange,
      emit: () => undefined,
      report: () => undefined,
      newObject: (tag) => new ObjectRef(tag, `a.js:${tag}`, undefined),
      parent: () => undefined,
      invoke: () => UNKNOWN,
      callSite: () => undefined,
      calledFromAnotherFile: () => false,
      argumentsOf: () => undefined,
      readName: () => UNKNOWN,
      madeBy: () => undefined,
      listFolder: () => undefined,
      loadModule: () => false,
      runState: (key) => new RunState().get(key),
    };
    const site = { node: { type: "StringLiteral", value: "x" } as Node, ctx };
    for (const extractor of EXTRACTORS) {
      const packages = extractor.packages ?? [];
      expect({ extractor: extractor.meta.kind, declares: packages.length > 0 }).toEqual({ extractor: extractor.meta.kind, declares: extractor.module !== undefined });
      const answers = packages.map((name) => `${name}: ${extractor.module?.(name, site)?.kind ?? "none"}`);
      expect(answers.filter((answer) => answer.endsWith(": none") || answer.endsWith(": unknown"))).toEqual([]);
      expect(extractor.module?.("left-pad", site)).toBeUndefined();
    }
  });

  it("starts from a module loading a module by a specifier it computes, which may lead to any module", () => {
    expect(
      roots({
        "scripts/seed.js": "const { users } = require(`../stores/${process.env.STORE || \"memory\"}`);",
        "lazy.mjs": "export const load = (name) => import(name);",
        "plain.js": lines(`require("./c");`, "await import(/* chunk */ `./c`);", `// see require("./c")`),
        "c.js": "",
      }),
    ).toEqual(["lazy.mjs", "scripts/seed.js"]);
  });

  it("starts from a module importing something that does not resolve, so its warning is not lost", () => {
    expect(roots({ "a.js": `require("./gone");`, "b.js": `require("./c");`, "c.js": "" })).toEqual(["a.js"]);
  });

  it("starts from every module importing a root, directly or through others, and from the program's entry", () => {
    const files = {
      "db.js": "// @klotho::persist { id = \"db\" }\nexports.db = new Map();",
      "repo.js": `module.exports = require("./db");`,
      "scripts/seed.js": `const { db } = require("../repo"); db.set("a", 1);`,
      "util.js": "module.exports = 1;",
      "start.js": `require("./util");`,
    };
    expect(roots(files)).toEqual(["db.js", "repo.js", "scripts/seed.js"]);
    expect(roots(files, { entries: ["start.js"] })).toEqual(["db.js", "repo.js", "scripts/seed.js", "start.js"]);
  });

  it("starts from a module whose require leads to a root where its import would not (a package's exports conditions)", () => {
    const files = { "scripts/warm.js": `require("@shop/store").store.set("x", 1);`, "packages/store/node.cjs": "// @klotho::persist { id = \"store\" }\nexports.store = new Map();", "packages/store/browser.mjs": "export const store = {};" };
    const options = { packageJson: { workspaces: ["packages/*"] }, packages: { "packages/store": { name: "@shop/store", exports: { import: "./browser.mjs", require: "./node.cjs" } } } };
    expect(roots(files, options)).toEqual(["packages/store/node.cjs", "scripts/warm.js"]);
  });

  it("starts from a module importing a package of the workspace that cannot be used", () => {
    // The package's entry is its build output, not one of the sources: the import can be neither analysed nor installed.
    const files = { "apps/api/index.js": `require("@shop/kit");`, "apps/web/index.js": `require("@shop/ui");`, "packages/kit/lib/kit.ts": "export const kit = 1;", "packages/ui/index.js": "" };
    const options = { packageJson: { workspaces: ["apps/*", "packages/*"] }, packages: { "packages/kit": { name: "@shop/kit", main: "dist/index.js", exports: "./dist/index.js" }, "packages/ui": { name: "@shop/ui" } } };
    expect(roots(files, options)).toEqual(["apps/api/index.js"]);
  });
});

describe("a module nothing starts from", () => {
  it("runs when running code imports it, and what it does with the values it is handed is found", () => {
    const project = virtualProject({
      "index.js": lines(`const express = require("express");`, `const app = express();`, `require("./routes")(app);`, "app.listen(3000);"),
      "routes.js": lines(`const { answer } = require("./answers");`, `module.exports = (app) => {`, `  app.get(answer("users"), (req, res) => res.json([]));`, `};`),
      "answers.js": "exports.answer = (name) => `/${name}`;",
    });
    const reading = readCode(project);
    expect(summarizeFacts(reading.facts.facts, "http_route")).toEqual(["http_route routes.js:3 GET /users on index.js:2"]);
    expect(reading.program.parsed().map((p) => p.file.path)).toEqual(["answers.js", "index.js", "routes.js"]);
  });

  it("runs when imported, as Node runs it: after the code before the import, which may have set what it reads", () => {
    const project = virtualProject({
      "server.js": lines(`const config = require("./config");`, "config.load();", `const express = require("express");`, `const paths = require("./paths");`, "const app = express();", "app.get(paths.users, (req, res) => res.json([]));", "app.listen(3000);"),
      "config.js": `exports.load = () => { exports.basePath = "/v1"; };`,
      "paths.js": `exports.users = require("./config").basePath + "/users";`,
    });
    expect(summarizeFacts(readCode(project).facts.facts, "http_route")).toEqual(["http_route server.js:6 GET /v1/users on server.js:5"]);
  });

  it("runs its top level as its own code, not as the importing call's, though a call first imports it", () => {
    const project = virtualProject({
      "server.js": lines(`const express = require("express");`, `require("./bus");`, `require("./jobs").start();`, "express().listen(3000);"),
      "bus.js": lines(`const { EventEmitter } = require("events");`, "// @klotho::pubsub { id = \"bus\" }", "const bus = new EventEmitter();", `require("./container").set("bus", bus);`, "module.exports = bus;"),
      "container.js": lines("const services = {};", "exports.set = (name, value) => { services[name] = value; };", "exports.get = (name) => services[name];"),
      "jobs.js": `exports.start = () => { require("./mailer"); };`,
      "mailer.js": `require("./container").get("bus").on("order.created", (order) => order);`,
    });
    const listens = readCode(project).facts.facts.filter((fact) => fact.kind === "emitter_event" && fact.role === "subscribe");
    expect(listens.map((fact) => ({ file: fact.range.file, elsewhere: "calledElsewhere" in fact }))).toEqual([{ file: "mailer.js", elsewhere: false }]);
  });

  it("is never parsed when nothing imports it, and its syntax errors are not the compile's", () => {
    const project = virtualProject({
      "index.js": lines(`const express = require("express");`, `express().listen(3000);`),
      "old/unused.js": "module.exports = function (",
      "old/helper.js": `module.exports = require("./unused");`,
    });
    const reading = readCode(project);
    expect(reading.program.parsed().map((p) => p.file.path)).toEqual(["index.js"]);
    expect(summarizeDiagnostics(reading.diagnostics)).toEqual([]);
    // Imported by running code, the same file is read, and its error reported.
    const imported = readCode(virtualProject({ "index.js": `require("express"); require("./old/unused");`, "old/unused.js": "module.exports = function (" }));
    expect(summarizeDiagnostics(imported.diagnostics).map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["parse/syntax-error old/unused.js:1"]);
  });
});

describe("starting from the roots finds what running every module finds", () => {
  it.each(fixtureProjects())("$name", ({ dir }) => {
    const { project, diagnostics } = readProject(dir, [path.join(dir, "compiled")]);
    expect(diagnostics).toEqual([]);
    if (!project) throw new Error(`${dir} did not read`);
    const lazy = readCode(project);
    const every = readCode(project, { everyModule: true });
    expect(summarizeFacts(lazy.facts.facts)).toEqual(summarizeFacts(every.facts.facts));
    expect(lazy.facts.facts).toEqual(every.facts.facts);
    expect(lazy.annotations).toEqual(every.annotations);
    expect(summarizeDiagnostics(lazy.diagnostics).sort()).toEqual(summarizeDiagnostics(every.diagnostics).sort());
    // The import graph of every module that ran is the same; a module that did not run has none.
    for (const [file, targets] of lazy.facts.imports) expect(every.facts.imports.get(file)).toEqual(targets);
    // ... and the units are the same: their files, what they serve, what is said about them.
    const units = (reading: CodeReading) => {
      const result = assignUnits(project, reading.annotations, reading.facts.facts, reading.facts.imports, reading.program);
      return { units: result.units, routes: summarizeRoutes(result), diagnostics: summarizeDiagnostics(result.diagnostics), progress: result.progress };
    };
    expect(units(lazy)).toEqual(units(every));
  });
});

describe("the order the roots run in", () => {
  it("runs the program's entries first, in the order given, then the other roots as sorted; an entry that is no root is left out", () => {
    const roots = ["routes/billing.js", "routes/users.js", "server.js", "worker.js"];
    expect(entriesFirst(roots, ["server.js", "missing.js", "worker.js", "server.js"])).toEqual(["server.js", "worker.js", "routes/billing.js", "routes/users.js"]);
    expect(entriesFirst(roots, [])).toEqual(roots);
  });
});
