import MagicString from "magic-string";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { SourceProgram } from "../parse/source-program.js";
import type { ParsedFile } from "../parse/parse-file.js";
import type { ListenerHome } from "../units/index.js";
import { emptyNeeds, guardedEdits, runtimeReferences, type EditContext, type RuntimeNeeds, type UnitMembership } from "./edit-context.js";
import { replaceListen } from "./edits/listen.js";
import { leaveListenersToTheirUnit } from "./edits/listeners.js";
import { dropOtherUnits } from "./edits/other-units.js";
import { pinLocalSpecifiers } from "./edits/specifiers.js";
import { rewriteServices } from "./edits/services.js";
import { rewriteStores } from "./edits/stores.js";
import { markTypeOnlyImports } from "./edits/type-only-imports.js";
import { indexNodes } from "./find-nodes.js";
import type { DeclarationLookup } from "./declarations.js";
import { factsByFile } from "../units/bound-facts.js";
import { groupBy } from "../util/lists.js";
import type { SourceMapFields } from "./source-maps.js";

/** One source file as it goes into a unit folder: rewritten when needed, with a source map then. */
export interface RewrittenFile {
  readonly path: string;
  readonly text: string;
  /** The source map of the rewrite, when anything was changed. */
  readonly map?: SourceMapFields;
}

/** What the rewrite of a unit's file needs to know. */
export interface RewriteInput {
  readonly parsed: ParsedFile;
  /** The unit, as far as a rewrite may see it: which files its folder holds, and whether it runs on Lambda. */
  readonly unitFiles: UnitMembership;
  readonly lambda: boolean;
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly resolve: ImportResolver;
  /** The project's sources: what another unit's module exports, for a stand-in of its `export *`. */
  readonly program: Pick<SourceProgram, "get">;
  /** The topics of a pubsub id, for the emitter runtime. */
  readonly topicsOf: (id: string) => readonly string[] | undefined;
  /**
   * True when the plan has the resource (`persist_kv:<id>`, ...): a store's code is rewritten only for
   * a resource the rules made, so an annotation a policy leaves without one keeps its code as written.
   */
  readonly planned: (resourceId: string) => boolean;
  /** The unit that hears a file's listeners of cross-unit topics, when that is not this unit. */
  readonly listenersElsewhere?: (file: string) => ListenerHome | undefined;
  /** What project files declare that a TypeScript file emitted on its own cannot see (type-only exports, const enums). */
  readonly declarations?: DeclarationLookup;
}

/** A rewritten file and what it needs beside it in the unit folder. */
export interface RewriteResult {
  readonly file: RewrittenFile;
  readonly needs: RuntimeNeeds;
  /** What the rewrite found wrong with the file (a value only a declaration file names, another unit's class as a NestJS global provider). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The facts and annotations of each file, and the file of every app and router: what the edits of one file look at. */
interface ByFile {
  readonly facts: ReadonlyMap<string, readonly Fact[]>;
  readonly annotations: ReadonlyMap<string, readonly Annotation[]>;
  /** The file each app and router (by fact id) is defined in: a mount in one file names a router of another. */
  readonly objectFiles: ReadonlyMap<string, string>;
}

// Grouped once per compile (by its fact and annotation lists): a compile rewrites thousands of unit
// files, and without the grouping each one would scan every fact and annotation of the project once per unit.
const grouped = new WeakMap<readonly Fact[], WeakMap<readonly Annotation[], ByFile>>();

function byFile(facts: readonly Fact[], annotations: readonly Annotation[]): ByFile {
  let forFacts = grouped.get(facts);
  if (!forFacts) grouped.set(facts, (forFacts = new WeakMap()));
  let found = forFacts.get(annotations);
  if (!found) {
    const objectFiles = new Map<string, string>();
    for (const fact of facts) if (fact.kind === "http_app" || fact.kind === "http_router") objectFiles.set(fact.id, fact.range.file);
    found = { facts: factsByFile(facts), annotations: groupBy(annotations, (annotation) => annotation.range.file), objectFiles };
    forFacts.set(annotations, found);
  }
  return found;
}

/**
 * Applies the unit's edits to one file with magic-string on AST positions: untouched code keeps
 * its formatting, comments and line numbers; a changed file gets a source map to the original.
 */
export function rewriteFile(input: RewriteInput): RewriteResult {
  const { parsed } = input;
  // Made on the first edit: most files of a unit are carried unchanged.
  let edited: MagicString | undefined;
  const code = (): MagicString => (edited ??= new MagicString(parsed.file.text));
  const needs = emptyNeeds();
  const context: EditContext = {
    parsed,
    unitFiles: input.unitFiles,
    lambda: input.lambda,
    runtime: runtimeReferences(parsed, code, needs),
    needs,
    ...guardedEdits(code),
  };
  const nodes = indexNodes(parsed.ast.program);
  const grouping = byFile(input.facts, input.annotations);
  const facts = grouping.facts.get(parsed.file.path) ?? [];
  const annotations = grouping.annotations.get(parsed.file.path) ?? [];
  replaceListen(context, nodes, annotations, facts);
  const foreignProblems = dropOtherUnits(context, nodes, facts, grouping.objectFiles, input.resolve, input.program);
  rewriteStores(context, nodes, annotations, facts, input.planned);
  rewriteServices(context, nodes, annotations, facts, input.topicsOf, input.planned);
  leaveListenersToTheirUnit(context, nodes, input.listenersElsewhere?.(parsed.file.path));
  pinLocalSpecifiers(context, nodes, input.resolve);
  const found = [...foreignProblems, ...(input.declarations ? markTypeOnlyImports(context, parsed.ast.program.body, input.resolve, input.declarations) : [])];
  const diagnostics = found.length > 0 ? { diagnostics: found } : {};
  if (!edited?.hasChanged()) return { file: { path: parsed.file.path, text: parsed.file.text }, needs, ...diagnostics };
  // The map stays an object: the unit folder's copy is written with its paths changed (withSourceMap), and a
  // gateway's app file is rewritten once for each unit, so a round trip through JSON would be paid per unit.
  const map = edited.generateMap({ source: parsed.file.path, file: parsed.file.path, includeContent: true, hires: "boundary" });
  return { file: { path: parsed.file.path, text: edited.toString(), map }, needs, ...diagnostics };
}
