// The runtime is plain JavaScript typed with JSDoc. TypeScript code cannot see those types without
// allowJs, so declarations are generated from it: every module's into test/fixtures/runtime-types/
// (for these tests; ESLint ignores fixtures) and env-names.d.ts beside env-names.js (for the compiler,
// which imports it). This test regenerates them in memory and fails when the committed ones are
// stale; UPDATE_FIXTURES=1 writes them.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNTIME = path.join(ROOT, "runtime");
const TYPES = path.join(ROOT, "test", "fixtures", "runtime-types");
/** Declarations kept beside their script, because src/ imports the script. */
const BESIDE = ["env-names.d.ts"];
const UPDATE = process.env["UPDATE_FIXTURES"] === "1";

/** The runtime's JavaScript files, by name. */
function runtimeScripts(): string[] {
  return readdirSync(RUNTIME).filter((name) => name.endsWith(".js")).sort();
}

/** Declaration text by file name (`keyvalue.d.ts`), emitted from the runtime's JavaScript. */
function emitDeclarations(): Map<string, string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(RUNTIME, "tsconfig.json"),
    { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: TYPES },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")); } },
  );
  if (parsed === undefined) throw new Error("runtime/tsconfig.json could not be read");
  const host = ts.createCompilerHost(parsed.options);
  // Hide the committed declarations, so the JavaScript alone decides.
  host.fileExists = (file) => !(path.resolve(path.dirname(file)) === RUNTIME && file.endsWith(".d.ts")) && ts.sys.fileExists(file);
  const program = ts.createProgram(runtimeScripts().map((name) => path.join(RUNTIME, name)), parsed.options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(problems).toEqual([]);
  const out = new Map<string, string>();
  program.emit(undefined, (fileName, text) => {
    const name = path.basename(fileName);
    out.set(name, `// Generated from runtime/${name.replace(/\.d\.ts$/, ".js")} by test/runtime/declarations.test.ts; do not edit.\n${text}`);
  }, undefined, true);
  return out;
}

/** The committed declaration files: name → absolute path. */
function committedDeclarations(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(TYPES, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name)) out.set(name, path.join(TYPES, name));
  for (const name of BESIDE) out.set(`runtime/${name}`, path.join(RUNTIME, name));
  return out;
}

describe("runtime declarations", () => {
  it("runtime/tsconfig.json type-checks every runtime script", () => {
    // "files", not a *.js pattern: a pattern skips a script that has a .d.ts beside it.
    const config: unknown = JSON.parse(readFileSync(path.join(RUNTIME, "tsconfig.json"), "utf8"));
    expect(config).toMatchObject({ files: [...runtimeScripts(), ...BESIDE] });
  });

  it("match the JSDoc types of the runtime's JavaScript", () => {
    const emitted = emitDeclarations();
    const expected = new Map<string, string>();
    for (const [name, text] of emitted) expected.set(name, text);
    for (const name of BESIDE) expected.set(`runtime/${name}`, emitted.get(name) ?? "");
    if (UPDATE) {
      mkdirSync(TYPES, { recursive: true });
      for (const [name, file] of committedDeclarations()) if (!expected.has(name)) rmSync(file);
      for (const [name, text] of expected) writeFileSync(name.startsWith("runtime/") ? path.join(ROOT, name) : path.join(TYPES, name), text);
      return;
    }
    const committed = committedDeclarations();
    expect([...committed.keys()].sort(), "run UPDATE_FIXTURES=1 npx vitest run test/runtime/declarations.test.ts").toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(readFileSync(committed.get(name) ?? name, "utf8"), name).toBe(text);
  });
});
