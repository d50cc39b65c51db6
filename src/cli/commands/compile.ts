import path from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { createDiagnostic, hasFailures } from "../../diagnostics/diagnostic.js";
import { progressMessages } from "../../diagnostics/progress.js";
import { startDiagramRenderer, type DiagramRenderer } from "../../diagram/index.js";
import { readInputs } from "../../load/inputs.js";
import type { RuleSet } from "../../load/rules.js";
import { compile, type CompileResult, type OutputFile, type Timings } from "../../pipeline.js";
import { OutputWriteError, stageOutput } from "../../write/write-output.js";
import { ExitCode, type CliIo } from "../io.js";
import type { CommandOptions } from "../options.js";
import { createReporter } from "../reporter.js";

/**
 * `klotho [compile] <path>`: reads, compiles and writes `compiled/`; returns the exit code. `diagrams`
 * is the diagram's renderer when the caller started it already; it is cancelled when nothing is drawn.
 */
export async function runCompile(options: CommandOptions, io: CliIo, diagrams: DiagramRenderer = startDiagramRenderer()): Promise<number> {
  const reporter = createReporter(options, io);
  // `startup`: from the process's start to here (Node, klotho's modules); `load`: reading the project, klotho.yaml and the rules.
  const timings: Timings = { startup: performance.now() };
  const read = readInputs(options, io.cwd);
  timings["load"] = performance.now() - (timings["startup"] ?? 0);
  reporter.useSources(read.sources);
  if (!read.inputs) {
    diagrams.cancel();
    // An invocation error (a missing option, a path that does not exist) is one line, as commander's own
    // are; a problem in a file read (klotho.yaml, package.json) ends with the summary every failed compile has.
    reporter.finish({ diagnostics: read.diagnostics, notStarted: true, noSummary: !read.diagnostics.some((d) => d.range !== undefined) });
    return exitCodeForLoadFailure(read.diagnostics);
  }
  const settings = read.inputs.settings;
  const outDir = path.relative(io.cwd, settings.outDir) || ".";
  // The output tree is filled from the moment the compile knows it will succeed (while the diagram
  // is still drawn on its thread); it replaces compiled/ only on success and is removed otherwise.
  const staging = hasFailures(read.diagnostics, options.strict) ? undefined : stageOutput(settings.outDir);
  let committed = false;
  let result: CompileResult | undefined;
  const written = new Set<OutputFile>();
  const write = (files: readonly OutputFile[]): void => {
    const started = performance.now();
    staging?.write(files);
    for (const file of files) written.add(file);
    timings["write"] = (timings["write"] ?? 0) + performance.now() - started;
  };
  try {
    result = await compile(read.inputs, { strict: options.strict, timings, early: write, diagrams });
    const diagnostics = [...read.diagnostics, ...result.diagnostics];
    reporter.annotations(result.annotations);
    if (options.verbose) reporter.progress(replacedRules(read.inputs.ruleSet));
    if (!staging || hasFailures(diagnostics, options.strict) || result.files.length === 0) {
      // Nothing is written: no `Adding resource ...` line, which would read as if it had been.
      reporter.finish({ diagnostics, timings });
      return exitCodeForFailure(diagnostics, read.inputs.configFile?.file);
    }
    reporter.progress(result.progress);
    reporter.plan(result.plan);
    write(result.files.filter((file) => !written.has(file)));
    const started = performance.now();
    const report = staging.commit(result.preserve);
    committed = true;
    timings["write"] = (timings["write"] ?? 0) + performance.now() - started;
    const leftover = report.leftover ? [createDiagnostic("cli/old-output-left", {}, path.relative(io.cwd, report.leftover.folder), report.leftover.reason)] : [];
    reporter.progress(stackNotices(report.created, settings.app, outDir));
    reporter.finish({ diagnostics: [...diagnostics, ...leftover], timings, outDir });
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof OutputWriteError)) throw error;
    const cannotWrite = createDiagnostic("cli/cannot-write-output", {}, outDir, error.message);
    reporter.finish({ diagnostics: [...read.diagnostics, ...(result?.diagnostics ?? []), cannotWrite], timings });
    return ExitCode.usage;
  } finally {
    if (!committed) staging?.abandon();
  }
}
/** `-v`: which file won for each rule id given more than once. */
function replacedRules(ruleSet: RuleSet): string[] {
  return ruleSet.rules.filter((rule) => rule.replaced.length > 0).map((rule) => progressMessages.ruleReplaced(rule.id, rule.file, rule.replaced));
}

/** The seed's reminder to set the AWS region, printed only when the stack settings file was just created. */
function stackNotices(created: readonly string[], app: string, outDir: string): string[] {
  const stackFile = `Pulumi.${app}.yaml`;
  return created.includes(stackFile) ? [progressMessages.stackConfigCreated(stackFile, outDir, app)] : [];
}

/**
 * A compile that fails on an error located in the config file (an unknown type, a parameter value
 * AWS refuses, set in klotho.yaml) exits 2 like a config file that cannot be read: what to fix is the
 * configuration. Other failures, errors in the code or annotations, a policy's deny (even of a value
 * klotho.yaml set, which it points at) and warnings under --strict, exit 1.
 */
function exitCodeForFailure(diagnostics: readonly Diagnostic[], configFile: string | undefined): number {
  const inConfig = configFile !== undefined && diagnostics.some((d) => d.severity === "error" && d.code !== "rule/deny" && d.range?.file === configFile);
  return inConfig ? ExitCode.usage : ExitCode.inputErrors;
}

/** Problems that stop a compile before it starts are invocation or config problems (exit 2). */
function exitCodeForLoadFailure(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.severity === "error") ? ExitCode.usage : ExitCode.ok;
}
