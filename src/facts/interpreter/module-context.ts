import type { Node } from "@babel/types";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ParsedFile } from "../../parse/parse-file.js";
import { walkAst } from "../../parse/walk.js";
import { rangeOfNode } from "../../util/source-range.js";
import type { ExtractorContext } from "../extractors/extractor.js";
import type { Fact } from "../fact.js";
import type { ModuleContext } from "./interpreter.js";
import { ObjectRef, type Value } from "./values.js";

/** What a module's extractor context asks of the whole program. */
export interface ProgramHost extends Pick<ExtractorContext, "invoke" | "callSite" | "calledFromAnotherFile" | "readName" | "madeBy" | "listFolder" | "runState"> {
  /** ExtractorContext.loadModule, for the module `from`. */
  readonly loadModule: (from: string, file: string) => boolean;
}

/** The state of one module before it runs: its `module`/`exports` objects, its ES exports, and the extractors' view of it. */
export function createModuleContext(
  parsed: ParsedFile,
  facts: Fact[],
  diagnostics: Diagnostic[],
  objects: ObjectRef[],
  { invoke, callSite, calledFromAnotherFile, readName, madeBy, listFolder, loadModule, runState }: ProgramHost,
): ModuleContext {
  const file = parsed.file.path;
  let parents: WeakMap<Node, Node> | undefined;
  const callArguments = new WeakMap<Node, readonly Value[]>();
  const extractor: ExtractorContext = {
    file,
    range: (node) => rangeOfNode(file, node),
    emit: (fact) => facts.push(fact),
    report: (diagnostic) => diagnostics.push(diagnostic),
    newObject: (tag, node, key) => {
      const ref = new ObjectRef(tag, `${file}:${node.start ?? 0}${key === undefined ? "" : `:${key}`}`, rangeOfNode(file, node));
      objects.push(ref);
      return ref;
    },
    parent: (node) => (parents ??= parentsOf(parsed.ast.program)).get(node),
    invoke,
    callSite,
    calledFromAnotherFile,
    argumentsOf: (call) => callArguments.get(call),
    readName,
    madeBy,
    listFolder,
    loadModule: (target) => loadModule(file, target),
    runState,
  };
  const moduleObject = new ObjectRef("module", `${file}:module`, undefined);
  moduleObject.props.set("exports", { kind: "object", ref: new ObjectRef("exports", `${file}:exports`, undefined) });
  const esm = parsed.file.moduleKind === "esm" || parsed.ast.program.body.some(isExportSyntax);
  let emits: number[] | undefined;
  const callsEmitBetween = (start: number, end: number): boolean => {
    emits ??= emitOffsets(parsed.file.text);
    return emits.some((offset) => offset >= start && offset < end);
  };
  return { file, moduleObject, esmExports: new ObjectRef("esm-exports", `${file}:esm-exports`, undefined), esm, localExports: [], extractor, callsEmitBetween, callArguments };
}

/**
 * Where the text names `emit`, in order: wherever a method of that name may be called (`.emit(`,
 * `["emit"](`, `.emit<T>(`, a constant holding the name). Over-counting only keys more memos by caller.
 */
function emitOffsets(text: string): number[] {
  return [...text.matchAll(/\bemit\b/g)].map((match) => match.index);
}

/** Each node's parent, built the first time an extractor asks (most files never do). */
function parentsOf(program: Node): WeakMap<Node, Node> {
  const parents = new WeakMap<Node, Node>();
  walkAst(program, (node, parent) => {
    if (parent) parents.set(node, parent);
    return true;
  });
  return parents;
}

/** `export` declarations make a file an ES module (TypeScript's `export =` is CommonJS). */
function isExportSyntax(node: Node): boolean {
  if (node.type === "ExportNamedDeclaration") return node.exportKind !== "type";
  return node.type === "ExportDefaultDeclaration" || node.type === "ExportAllDeclaration";
}
