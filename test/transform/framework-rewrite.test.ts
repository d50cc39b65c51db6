// The rewrite of Fastify and Koa units keeps every line where it was: only the annotated listen,
// the mount of another unit's plugin or router (also in the middle of a chain), its import and the
// persisted Map change.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");
const scratch = mkdtempSync(path.join(os.tmpdir(), "klotho-framework-rewrite-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function compile(theme: string, name: string): Promise<{ source: (file: string) => string; output: (file: string) => string }> {
  const cwd = mkdtempSync(path.join(scratch, `${theme}-`));
  const project = path.join(FIXTURES, theme, name);
  const result = await runCli([project, "--app", "shop", "--provider", "aws", "-o", "compiled"], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return {
    source: (file) => readFileSync(path.join(project, file), "utf8"),
    output: (file) => readFileSync(path.join(cwd, "compiled", file), "utf8").replace(/\n\/\/# sourceMappingURL=.*\n$/, ""),
  };
}

/** The 1-based numbers of the lines that differ; the rewritten file must have as many lines as the original (plus appended imports). */
function changedLines(original: string, rewritten: string): number[] {
  const before = original.split("\n");
  const after = rewritten.split("\n");
  return before.flatMap((line, i) => (after[i] === line ? [] : [i + 1]));
}

describe("Fastify and Koa units keep the user's lines", () => {
  it("Fastify: the other unit's plugin import and register() go, the awaited listen becomes registerApp", async () => {
    const { source, output } = await compile("fastify", "esm-two-units");
    expect(changedLines(source("server.js"), output("main/server.js"))).toEqual([2, 7, 14]);
    expect(output("main/server.js").split("\n")[13]).toBe('    await __klotho_app_registry.registerApp(app, { port: 3000, host: "0.0.0.0" });');
    expect(changedLines(source("server.js"), output("pugs/server.js"))).toEqual([14]);
    expect(changedLines(source("routes/pugs.js"), output("pugs/routes/pugs.js"))).toEqual([4]);
  });

  it("Koa: a mount in the middle of a use() chain is dropped without moving the lines after it", async () => {
    const { source, output } = await compile("koa", "esm-two-units");
    const rewritten = output("main/server.js").split("\n");
    expect(changedLines(source("server.js"), output("main/server.js"))).toEqual([3, 13, 14, 19]);
    expect(rewritten.slice(12, 16)).toEqual([
      "  .use(root.routes()) /* klotho: mount of routes/pugs.js dropped: it runs in another unit",
      "*/",
      "  .use(pugsRouter.allowedMethods())",
      "  .use(orders.routes());",
    ]);
    expect(rewritten[18]).toBe("__klotho_app_registry.registerApp(app, 3000);");
  });

  it("Koa: the last mount of a use() chain is dropped alone, so the routers mounted before it stay", async () => {
    const { source, output } = await compile("koa", "esm-two-units");
    const rewritten = output("pugs/server.js").split("\n");
    // The pugs unit carries neither main's orders router nor its import: only `.use(orders.routes())` goes.
    expect(changedLines(source("server.js"), output("pugs/server.js"))).toEqual([4, 15, 16, 19]);
    expect(rewritten.slice(11, 16)).toEqual([
      "app",
      "  .use(root.routes())",
      "  .use(pugsRouter.routes())",
      "  .use(pugsRouter.allowedMethods()) /* klotho: mount of routes/orders.js dropped: it runs in another unit",
      "*/;",
    ]);
  });
});
