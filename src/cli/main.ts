import { createDiagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import { ExitCode, processIo, type CliIo } from "./io.js";
import { parseArguments } from "./program.js";

/**
 * The klotho command line: parses argv, runs the command and returns the exit code.
 * It never calls process.exit, so it runs the same in tests and in the `klotho` binary.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const invocation = parseArguments(argv, io);
    switch (invocation.command) {
      case "exit":
        return invocation.code;
      case "compile": {
        // The diagram's thread starts before the compiler's own modules load (ELK and sharp, on the
        // second core, take it about as long as a small app's whole analysis).
        const { startDiagramRenderer } = await import("../diagram/index.js");
        const diagrams = startDiagramRenderer();
        try {
          const { runCompile } = await import("./commands/compile.js");
          return await runCompile(invocation.options, io, diagrams);
        } catch (error) {
          // An internal error: the thread must not keep the process alive (or draw) after it is reported.
          diagrams.cancel();
          throw error;
        }
      }
      case "explain": {
        const { runExplain } = await import("./commands/explain.js");
        return await runExplain(invocation, io);
      }
      case "rules-test": {
        const { runRulesTest } = await import("./commands/rules-test.js");
        return await runRulesTest(invocation.paths, invocation.options, io);
      }
    }
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`klotho: internal error; please report it with the output below.\n${detail}\n`);
    // A program reading --json still gets one document, shaped as every failure's.
    if (argv.includes("--json")) {
      const message = error instanceof Error ? error.message : String(error);
      io.stdout(`${JSON.stringify({ ok: false, diagnostics: [diagnosticToJson(createDiagnostic("cli/internal-error", {}, message))] }, null, 2)}\n`);
    }
    return ExitCode.usage;
  }
}
