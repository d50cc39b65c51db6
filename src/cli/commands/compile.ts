import path from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { createDiagnostic, hasFailures } from "../../diagnostics/diagnostic.js";
import { progressMessages } from "../../diagnostics/progress.js";
import { readInputs } from "../../load/inputs.js";
import type { RuleSet } from "../../load/rules.js";
import { compile, type CompileResult, type OutputFile, type Timings } from "../../pipeline.js";
import { stageOutput, type OutputStaging, type WriteReport } from "../../write/write-output.js";
import { ExitCode, type CliIo } from "../io.js";
import type { CommandOptions } from "../options.js";
import { createReporter } from "../reporter.js";

/** `klotho [compile] <path>`: reads, compiles and writes `compiled/`; returns the exit code. */
export async function runCompile(options: CommandOptions, io: CliIo): Promise<number> {
  const reporter = createReporter(options, io);
  const read = readInputs(options, io.cwd);
  reporter.useSources(read.sources);
  if (!read.inputs) {
    reporter.finish({ diagnostics: read.diagnostics, notStarted: true });
    return exitCodeForLoadFailure(read.diagnostics);
  }
  const timings: Timings = {};
  const settings = read.inputs.settings;
  const outDir = path.relative(io.cwd, settings.outDir) || ".";
  const cannotWrite = (error: unknown): number => {
    if (!isFileSystemError(error)) throw error;
    reporter.finish({ diagnostics: [createDiagnostic("cli/cannot-write-output", {}, outDir, error.message)], timings });
    return ExitCode.usage;
  };
  // The output tree is started now, and filled while the diagram is still being drawn on its thread;
  // it replaces compiled/ only if the compile succeeds, and is removed otherwise.
  let staging: OutputStaging | undefined;
  try {
    staging = hasFailures(read.diagnostics, options.strict) ? undefined : stageOutput(settings.outDir);
  } catch (error) {
    return cannotWrite(error);
  }
  const written = new Set<OutputFile>();
  const write = (files: readonly OutputFile[]): void => {
    const started = performance.now();
    staging?.write(files);
    for (const file of files) written.add(file);
    timings["write"] = (timings["write"] ?? 0) + performance.now() - started;
  };
  let result: CompileResult;
  try {
    result = await compile(read.inputs, { strict: options.strict, timings, early: write });
  } catch (error) {
    staging?.abandon();
    return cannotWrite(error);
  }
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  reporter.annotations(result.annotations);
  if (options.verbose) reporter.progress(replacedRules(read.inputs.ruleSet));
  reporter.progress(result.progress);
  reporter.plan(result.plan);
  if (!staging || hasFailures(diagnostics, options.strict) || result.files.length === 0) {
    staging?.abandon();
    reporter.finish({ diagnostics, timings });
    return ExitCode.inputErrors;
  }
  let report: WriteReport;
  try {
    write(result.files.filter((file) => !written.has(file)));
    const started = performance.now();
    report = staging.commit(result.preserve);
    timings["write"] = (timings["write"] ?? 0) + performance.now() - started;
  } catch (error) {
    return cannotWrite(error);
  }
  reporter.progress(stackNotices(report.created, settings.app, outDir));
  reporter.finish({ diagnostics, timings, outDir });
  return ExitCode.ok;
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

/** Problems that stop a compile before it starts are invocation or config problems (exit 2). */
function exitCodeForLoadFailure(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.severity === "error") ? ExitCode.usage : ExitCode.ok;
}

/** An error from the file system (EACCES, ENOSPC, EROFS, ...), as opposed to a bug. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && typeof (error as NodeJS.ErrnoException).syscall === "string";
}
