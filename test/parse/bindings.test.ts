import type { Node } from "@babel/types";
import { describe, expect, it } from "vitest";
import { isGlobalName } from "../../src/parse/bindings.js";
import { parseFile } from "../../src/parse/parse-file.js";
import { walkAst } from "../../src/parse/walk.js";

/** Whether the last identifier `name` in `text` (a TypeScript module) reads the global of that name. */
function lastIsGlobal(text: string, name: string): boolean {
  const { parsed } = parseFile({ path: "x.ts", text, moduleKind: "cjs" });
  if (!parsed) throw new Error("does not parse");
  const parents = new Map<Node, Node>();
  let last: Node | undefined;
  walkAst(parsed.ast.program, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type === "Identifier" && node.name === name) last = node;
    return true;
  });
  if (!last) throw new Error(`no ${name}`);
  return isGlobalName(name, last, (node) => parents.get(node));
}

describe("isGlobalName: a name no enclosing scope declares", () => {
  it.each([
    { code: "use(module);", global: true },
    { code: "function f(module) {} use(module);", global: true },
    { code: "function f() { const module = 1; } use(module);", global: true },
    { code: "{ let module = 1; } use(module);", global: true },
    { code: "declare const module: any; use(module);", global: true },
    { code: "import type { module } from './m'; use(module);", global: true },
    { code: "function f(module) { use(module); }", global: false },
    { code: "function f({ a: [, ...module] }) { use(module); }", global: false },
    { code: "const f = (x, module = 1) => use(module);", global: false },
    { code: "function f() { if (x) { var module = 1; } use(module); }", global: false },
    { code: "function f() { use(module); function module() {} }", global: false },
    { code: "for (const module of xs) use(module);", global: false },
    { code: "try {} catch ({ module }) { use(module); }", global: false },
    { code: "switch (x) { case 1: let module = 2; use(module); }", global: false },
    { code: "const c = class module { m() { use(module); } };", global: false },
    { code: "class A { constructor(private module: string) { use(module); } }", global: false },
    { code: "import module from './m'; use(module);", global: false },
    { code: "import module = require('./m'); use(module);", global: false },
    { code: "export const module = 1; use(module);", global: false },
    { code: "var module; use(module);", global: false },
  ])("$code → global: $global", ({ code, global }) => {
    expect(lastIsGlobal(code, "module")).toBe(global);
  });
});
