import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Subject } from "../engine/index.js";
import type { Fact } from "../facts/index.js";
import type { LoadedRule } from "../load/rules.js";
import type { PlanTrace } from "../plan/index.js";

/** What explain reads: the analysis of the project with its rule trace. */
export interface ExplainInput {
  readonly app: string;
  readonly provider: string;
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly subjects: readonly Subject[];
  readonly trace: PlanTrace;
  /** The rules in force, to say which file replaced which. */
  readonly rules: readonly LoadedRule[];
  /** Every diagnostic of the analysis, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The source files that did not parse: none of their annotations or code is in the analysis. */
  readonly unparsed: readonly string[];
}

/** What to explain. */
export type ExplainTarget =
  | { readonly kind: "all" }
  | { readonly kind: "resource"; readonly resource: string }
  | { readonly kind: "annotation"; readonly file: string; readonly line: number }
  | { readonly kind: "network" };
