import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { analyse, type Analysis } from "../../analyse.js";
import { hasFailures, isFailure, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../../diagnostics/format-json.js";
import { formatDiagnostic } from "../../diagnostics/format-text.js";
import { explain, formatExplanation, type ExplainTarget } from "../../explain/index.js";
import type { ExplainFailure, ExplainOutput } from "../../generated/explain.js";
import { readInputs } from "../../load/inputs.js";
import type { TraceDepth } from "../../plan/index.js";
import { compareStrings } from "../../util/compare.js";
import { relativePosix } from "../../util/paths.js";
import { ExitCode, type CliIo } from "../io.js";
import type { CommandOptions } from "../options.js";
import { createReporter } from "../reporter.js";
import { chooseStyle } from "../style.js";

/** The parsed `klotho explain` invocation. */
export interface ExplainInvocation {
  /** A resource id or name, `<file>:<line>` of an annotation, `network` (or `vpc`), or (when it is a folder and no path follows) the project path. */
  readonly target?: string;
  /** `--all`: also show the rules that were evaluated and did not fire. */
  readonly all: boolean;
  readonly options: CommandOptions;
}

/**
 * `klotho explain [target] [path]`: runs the analysis (nothing is written, no renderer is loaded) and
 * prints why each resource exists. Exit 0 when explained, 1 when a compile with the same options
 * would fail (errors, or warnings under --strict; they are explained too, and listed also when the
 * target matches nothing, since they can be why), 2 for a target that matches nothing in a compile
 * that would succeed, or an unreadable config.
 */
export async function runExplain(invocation: ExplainInvocation, io: CliIo): Promise<number> {
  const { target, options } = splitTarget(invocation, io.cwd);
  // Nothing is written: the output folder is not checked (it is still left out of the project).
  const read = readInputs(options, io.cwd, { writes: false });
  if (!read.inputs) {
    if (options.json) {
      printJson(io, failureDocument({}, read.diagnostics));
    } else {
      const reporter = createReporter(options, io);
      reporter.useSources(read.sources);
      reporter.finish({ diagnostics: read.diagnostics, notStarted: true, noSummary: true });
    }
    return read.diagnostics.some((d) => d.severity === "error") ? ExitCode.usage : ExitCode.ok;
  }
  const inputs = read.inputs;
  const analysis = await analyse(inputs, { trace: traceDepth(invocation.all, target) });
  const trace = analysis.planned.trace;
  if (!trace) throw new Error("the analysis ran without a trace");
  const diagnostics = [...read.diagnostics, ...analysis.diagnostics];
  const input = {
    app: inputs.settings.app,
    provider: inputs.settings.provider,
    annotations: analysis.annotations,
    facts: analysis.facts,
    subjects: analysis.subjects,
    trace,
    rules: inputs.ruleSet.rules,
    diagnostics,
    unparsed: unparsedFiles(analysis),
  };
  const result = explain(input, toTarget(target, trace.resources, inputs.project.root, io.cwd), { notFired: invocation.all, strict: options.strict });
  const style = chooseStyle(io, options.color);
  const printFailures = (): void => {
    for (const d of diagnostics.filter((d) => isFailure(d, options.strict))) io.stderr(`${formatDiagnostic(d, (f) => read.sources.get(f), style)}\n`);
  };
  if ("problem" in result) {
    // The target matches nothing; when the compile would fail, its problems can be why, so they follow (exit 1).
    const failing = hasFailures(diagnostics, options.strict);
    if (options.json) {
      printJson(io, failureDocument({ app: input.app, provider: input.provider, query: result.query }, [result.problem], failing ? diagnostics : []));
    } else {
      io.stderr(`klotho explain: ${result.problem.message}\n`);
      if (failing) printFailures();
    }
    return failing ? ExitCode.inputErrors : ExitCode.usage;
  }
  if (options.json) {
    printJson(io, result.document);
  } else {
    io.stdout(formatExplanation(result.document, (file) => read.sources.get(file), style));
    printFailures();
  }
  return result.document.ok ? ExitCode.ok : ExitCode.inputErrors;
}

/**
 * The rules that did not fire are shown with `--all` and for an annotation (why it produced nothing):
 * only then are they recorded, which evaluates every rule for every subject (explaining every resource
 * of the 4,800-file NestJS bench app that way took 12.5 s against 7.9 s, medians of 4 runs). A target
 * shaped like an annotation's location may still name a resource (`<kind>:<digits>`): it is explained
 * from the same analysis.
 */
function traceDepth(all: boolean, target: string | undefined): TraceDepth {
  return all || (target !== undefined && LOCATION.test(target)) ? "evaluations" : "resources";
}

/** The source files that did not parse (a syntax error, and no AST): explain finds nothing in them. */
function unparsedFiles(analysis: Analysis): string[] {
  const parsed = new Set(analysis.program.parsed().map((file) => file.file.path));
  const files = analysis.diagnostics.flatMap((d) => (d.code === "parse/syntax-error" && d.range && !parsed.has(d.range.file) ? [d.range.file] : []));
  return [...new Set(files)].sort(compareStrings);
}

/** `--json`: the one document on stdout, valid against schemas/explain.schema.json. */
function printJson(io: CliIo, document: ExplainOutput): void {
  io.stdout(`${JSON.stringify(document, null, 2)}\n`);
}

/**
 * The document of an explain that could not explain anything: what is known of the query, and why
 * (`reasons` first, then the analysis's diagnostics when the compile would fail).
 */
function failureDocument(known: Pick<ExplainFailure, "app" | "provider" | "query">, reasons: readonly Diagnostic[], analysed: readonly Diagnostic[] = []): ExplainFailure {
  return { ...known, ok: false, diagnostics: [...sortDiagnostics(reasons), ...sortDiagnostics(analysed)].map(diagnosticToJson) };
}

/** `klotho explain examples/pugs`: a lone argument naming a folder is the project path, not a target. */
function splitTarget(invocation: ExplainInvocation, cwd: string): { target?: string; options: CommandOptions } {
  const { target, options } = invocation;
  if (target === undefined || options.path !== undefined) return { ...(target !== undefined ? { target } : {}), options };
  const candidate = path.resolve(cwd, target);
  if (existsSync(candidate) && statSync(candidate).isDirectory()) return { options: { ...options, path: target } };
  return { target, options };
}

const LOCATION = /^(.+?):(\d+)(?::\d+)?$/;

/** The targets that ask for the network (a resource named so is asked for by its id, `persist_kv:network`). */
const NETWORK_TARGETS: readonly string[] = ["network", "vpc"];

/**
 * A resource (`exec_unit:pugs`, or a bare name), an annotation (`pugs.js:4`, `src/pugs.ts:4:1`,
 * relative to the project or the working directory), or the network (`network`, `vpc`).
 * `<kind>:<digits>` is a resource when the plan has that kind.
 */
function toTarget(target: string | undefined, resources: readonly { readonly kind: string }[], root: string, cwd: string): ExplainTarget {
  if (target === undefined) return { kind: "all" };
  if (NETWORK_TARGETS.includes(target)) return { kind: "network" };
  const match = LOCATION.exec(target);
  const [, file, line] = match ?? [];
  if (file === undefined || line === undefined || resources.some((r) => r.kind === file)) return { kind: "resource", resource: target };
  const fromCwd = path.resolve(cwd, file);
  const projectFile = existsSync(fromCwd) && !path.relative(root, fromCwd).startsWith("..") ? relativePosix(root, fromCwd) : file.split(path.sep).join("/");
  return { kind: "annotation", file: projectFile, line: Number(line) };
}
