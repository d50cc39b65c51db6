import path from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { progressMessages } from "../../diagnostics/progress.js";
import { readInputs } from "../../load/inputs.js";
import type { RuleSet } from "../../load/rules.js";
import { compile, type Timings } from "../../pipeline.js";
import { writeOutput } from "../../write/write-output.js";
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
  const result = await compile(read.inputs, { strict: options.strict, timings });
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  reporter.annotations(result.annotations);
  if (options.verbose) reporter.progress(replacedRules(read.inputs.ruleSet));
  reporter.progress(result.progress);
  reporter.plan(result.plan);
  if (hasFailures(diagnostics, options.strict) || result.files.length === 0) {
    reporter.finish({ diagnostics, timings });
    return ExitCode.inputErrors;
  }
  const started = performance.now();
  const written = writeOutput(read.inputs.settings.outDir, result.files, result.preserve);
  timings["write"] = performance.now() - started;
  const outDir = path.relative(io.cwd, read.inputs.settings.outDir) || ".";
  reporter.progress(stackNotices(written.created, read.inputs.settings.app, outDir));
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
