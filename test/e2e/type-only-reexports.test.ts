// A TypeScript ES module app whose barrels re-export interfaces beside values, compiled by the real
// CLI and served through its unit's dispatcher. Each TypeScript file is emitted on its own: unless
// klotho makes the re-exports of types type-only, `export { Todo } from "./types.js"` stays in the
// emitted models.js, and the unit fails to load ("The requested module './types.js' does not provide
// an export named 'Todo'").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { v2Event } from "../runtime/api-gateway-events.js";
import { compileFiles, jsonOf, v2Result, type CompiledProject } from "./support.js";

let project: CompiledProject;

beforeAll(async () => {
  project = await compileFiles(
    {
      "package.json": JSON.stringify({ name: "todos", version: "1.0.0", type: "module", main: "src/server.ts", dependencies: { express: "^4.21.0" } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, outDir: "dist" } }),
      "src/types.ts": lines("export interface Todo { id: string; title: string }", 'export type TodoId = Todo["id"];'),
      "src/models.ts": lines('export { Todo } from "./types.js";', 'export const DEFAULT_TITLE = "untitled";'),
      // A barrel of the barrel: a type passed on through `export *` and imported to be exported again.
      "src/index.ts": lines('import { Todo } from "./models.js";', 'export * from "./models.js";', 'export type { TodoId } from "./types.js";', "export { Todo };"),
      "src/server.ts": lines(
        'import express from "express";',
        'import { DEFAULT_TITLE, type TodoId } from "./models.js";',
        'import { Todo } from "./index.js";',
        "",
        "const app = express();",
        'app.get("/t", (_req, res) => {',
        '  const id: TodoId = "t1";',
        "  const todo: Todo = { id, title: DEFAULT_TITLE };",
        "  res.json(todo);",
        "});",
        '// @klotho::expose { id = "gw", target = "public" }',
        "app.listen(3000);",
      ),
    },
    "todos",
  );
}, 60_000);

afterAll(() => {
  project.remove();
});

describe("an ES module app whose barrels re-export interfaces", () => {
  it("loads its unit and answers through the dispatcher", async () => {
    const answer = v2Result(await project.handler("main")(v2Event({ path: "/t" })));
    expect(answer.statusCode).toBe(200);
    expect(jsonOf(answer)).toEqual({ id: "t1", title: "untitled" });
  });
});
