import { VISITOR_KEYS as BABEL_VISITOR_KEYS } from "@babel/types";
import type { Node } from "@babel/types";
import { describe, expect, it } from "vitest";
import { VISITOR_KEYS } from "../../src/generated/visitor-keys.js";
import { parseFile } from "../../src/parse/parse-file.js";
import { isNode, walkAst } from "../../src/parse/walk.js";

const NOT_CHILDREN = new Set(["loc", "extra", "leadingComments", "trailingComments", "innerComments", "comments", "tokens", "errors"]);

/** Every node below `root`, found by reading every property: what walkAst must reach through its table. */
function everyNode(root: Node): Set<Node> {
  const found = new Set<Node>();
  const visit = (node: Node): void => {
    found.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (NOT_CHILDREN.has(key)) continue;
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) if (isNode(item)) visit(item);
    }
  };
  visit(root);
  return found;
}

function parsed(path: string, text: string): Node {
  const result = parseFile({ path, text, moduleKind: "esm" });
  expect(result.diagnostics).toEqual([]);
  return (result.parsed?.ast.program as Node | undefined) ?? expect.fail("no AST");
}

const typescript = `
import express, { type Request } from "express";
@Controller("users")
export class Users<T extends object = {}> extends Base implements Named {
  constructor(private readonly store: Map<string, T>) { super(); }
  @Get(":id") async find(@Param("id") id: string, req?: Request): Promise<T | undefined> {
    const { a = 1, ...rest }: { a?: number } = req!.body as never;
    return this.store.get(\`\${id}-\${a satisfies number}\`) ?? (rest as T);
  }
}
enum Color { Red = 1 }
export default function handler<K>(x: K = null!, ...more: unknown[]): asserts x is K {}
label: for await (const [k, v] of new Map()) { if (k) break label; }
`;
const jsx = `
const App = ({ items }) => <ul className={"x"}>{items.map((i) => <Item key={i} {...i} />)}<>text</></ul>;
export { App as default }; export * as all from "./x.js";
const o = { [key]: 1, get g() { return 2; }, async *m() { yield* other(); } };
class C { static #p = 1; static { init(); } #m() { return #p in this; } }
try { throw new Error(); } catch ({ message }) { void message; } finally { a ||= b?.c?.(d); }
`;

describe("walkAst", () => {
  it("reaches every node of TypeScript, decorators, JSX and modern syntax, each once", () => {
    for (const [path, text] of [["users.ts", typescript], ["app.jsx", jsx]] as const) {
      const root = parsed(path, text);
      const visited: Node[] = [];
      walkAst(root, (node) => void visited.push(node));
      expect(visited.length).toBe(new Set(visited).size);
      expect(new Set(visited)).toEqual(everyNode(root));
    }
  });

  it("visits a node's children in source order, each with its parent, and skips below a node the visitor refuses", () => {
    const root = parsed("a.js", "f(a, b); g(c);");
    const seen: string[] = [];
    walkAst(root, (node, parent) => {
      if (node.type === "Identifier") seen.push(`${node.name}<${parent?.type ?? ""}`);
      return !(node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "g");
    });
    expect(seen).toEqual(["f<CallExpression", "a<CallExpression", "b<CallExpression"]);
  });

  it("walks a node type its table does not know through all of that node's properties", () => {
    const unknown = { type: "FutureSyntax", start: 0, inner: { type: "Identifier", name: "x" }, list: [{ type: "NumericLiteral", value: 1 }] } as unknown as Node;
    const visited: string[] = [];
    walkAst(unknown, (node) => void visited.push(node.type));
    expect(visited).toEqual(["FutureSyntax", "Identifier", "NumericLiteral"]);
  });

  it("uses the generated table of the installed @babel/types (run scripts/generate-visitor-keys.mjs after upgrading Babel)", () => {
    expect(VISITOR_KEYS).toEqual(BABEL_VISITOR_KEYS);
  });
});
