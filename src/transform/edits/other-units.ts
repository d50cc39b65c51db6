import type { CallExpression, Node, OptionalCallExpression } from "@babel/types";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../../facts/index.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import type { EditContext } from "../edit-context.js";
import { blankOut, keepLineBreaks, lineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import type { SourceProgram } from "../../parse/source-program.js";
import { standInComputedLoads, standInForeignImports } from "./foreign-imports.js";
import { dropForeignRegistrations } from "./foreign-registrations.js";
import { foreignGlobalInstances } from "./global-providers.js";

/**
 * A unit's copy of a shared file (the gateway's app file) must not load other units' code:
 * mounts of routers whose files are not in this unit are dropped (`app.use(x)` → `app`, or the
 * whole statement; a NestJS controller leaves its module's `controllers` list) unless the `use()`
 * mounts other handlers with it (then its import's stand-in passes requests on), so do other
 * units' classes listed in decorators (foreign-registrations.ts), and imports of files outside
 * the unit get a stand-in that does nothing. Returns what cannot be left to a stand-in (another
 * unit's class as a NestJS global provider, or registered with `app.useGlobalGuards(new X())`).
 */
export function dropOtherUnits(context: EditContext, nodes: NodeIndex, facts: readonly Fact[], objectFiles: ReadonlyMap<string, string>, resolve: ImportResolver, program: Pick<SourceProgram, "get">): Diagnostic[] {
  dropForeignMounts(context, nodes, facts, objectFiles);
  const problems = [...dropForeignRegistrations(context, nodes, resolve), ...foreignGlobalInstances(context, facts)];
  standInForeignImports(context, nodes, resolve, program);
  standInComputedLoads(context, nodes, facts);
  return problems;
}

/** `facts`: the file's own; `objectFiles`: the file of every app and router, by fact id. */
function dropForeignMounts(context: EditContext, nodes: NodeIndex, facts: readonly Fact[], objectFiles: ReadonlyMap<string, string>): void {
  const mounts = mountsIn(facts, context.parsed.file.path);
  // A mount run once per pass of a loop (`for (const name of names) app.use(`/${name}`, routers[name])`) that
  // also mounts this unit's routers stays: the other units' are stand-ins there (standInComputedLoads).
  const mountsOwn = new Set<number>();
  for (const fact of mounts) if (fact.child !== undefined && context.unitFiles.has(objectFiles.get(fact.child) ?? "")) mountsOwn.add(rangeKey(fact));
  for (const fact of mounts) {
    if (fact.child === undefined || mountsOwn.has(rangeKey(fact))) continue;
    const childFile = objectFiles.get(fact.child);
    if (childFile === undefined || context.unitFiles.has(childFile)) continue;
    const call = nodes.at(fact.range);
    const note = `mount of ${childFile} dropped: it runs in another unit`;
    // A router named in a list (a NestJS module's `controllers: [A, B]`): the item becomes an empty spread.
    if (call && nodes.parentOf(call)?.type === "ArrayExpression") {
      context.replace(call.start ?? 0, call.end ?? 0, keepLineBreaks(sourceOf(context.parsed, call), `...[] /* klotho: ${note} */`));
      continue;
    }
    if (!call || (call.type !== "CallExpression" && call.type !== "OptionalCallExpression")) continue;
    // `use("/api", auth, router)`, `use(a, b)`: the call mounts more than the other unit's router (middleware that
    // also guards the routes declared after it, or this unit's own router). It stays, and the other unit's
    // router is the stand-in of its import (standInForeignImports), which as middleware passes the request on.
    if (isUseCall(call) && mountsMoreThanOneHandler(call.arguments, fact.prefix !== "/")) continue;
    const parent = nodes.parentOf(call);
    // `app.use(a).use(b)`: the statement's call is the last of a chain; only its `.use(b)` goes.
    if (parent?.type === "ExpressionStatement" && !isChained(call)) blankOut(context, parent, note);
    else if (call.callee.type === "MemberExpression" || call.callee.type === "OptionalMemberExpression") {
      // The line breaks of the dropped part go into the comment, so no line moves.
      const object = sourceOf(context.parsed, call.callee.object);
      const breaks = lineBreaks(sourceOf(context.parsed, call)) - lineBreaks(object);
      context.replace(call.start ?? 0, call.end ?? 0, `${object} /* klotho: ${note}${"\n".repeat(breaks)}*/`);
    }
  }
}

// A file's mounts, found once: a gateway's app file is rewritten for each unit that serves some of its routes.
const mountsFound = new WeakMap<readonly Fact[], Map<string, readonly FactOf<"http_mount">[]>>();

function mountsIn(facts: readonly Fact[], file: string): readonly FactOf<"http_mount">[] {
  let byFile = mountsFound.get(facts);
  if (!byFile) mountsFound.set(facts, (byFile = new Map<string, readonly FactOf<"http_mount">[]>()));
  let mounts = byFile.get(file);
  if (!mounts) byFile.set(file, (mounts = facts.filter((fact): fact is FactOf<"http_mount"> => fact.kind === "http_mount" && fact.range.file === file)));
  return mounts;
}

/** A fact's range as one number (files are far shorter than 2^26 characters). */
function rangeKey(fact: Fact): number {
  return fact.range.start.offset * 2 ** 26 + fact.range.end.offset;
}

/** `a.use(x).use(y)`: a call on what another call returned. */
function isChained(call: CallExpression | OptionalCallExpression): boolean {
  const callee = call.callee;
  return (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && (callee.object.type === "CallExpression" || callee.object.type === "OptionalCallExpression");
}

/** `x.use(...)` (Express and Koa); Fastify's `register(plugin, options)` mounts one plugin whatever its arguments. */
function isUseCall(call: CallExpression | OptionalCallExpression): boolean {
  const callee = call.callee;
  return (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && callee.property.type === "Identifier" && callee.property.name === "use";
}

/**
 * Whether a `use()` call's arguments hold more than one handler: more than one argument after its path
 * (`pathGiven`: the mount is at a prefix klotho read, `use(USERS, router)`; or one written as a path, a
 * string, a template, a concatenation or a list of strings), or any list of handlers. A first argument
 * that is a variable mounted at `/` may be a path or a middleware, so `use(x, router)` counts as two.
 */
function mountsMoreThanOneHandler(args: readonly Node[], pathGiven: boolean): boolean {
  const [first] = args;
  const handlers = first !== undefined && (pathGiven || isWrittenPath(first)) ? args.slice(1) : args;
  return handlers.length > 1 || handlers.some((handler) => handler.type === "ArrayExpression");
}

function isWrittenPath(node: Node): boolean {
  switch (node.type) {
    case "StringLiteral":
    case "TemplateLiteral":
      return true;
    case "BinaryExpression":
      return node.operator === "+";
    case "ArrayExpression":
      return node.elements.length > 0 && node.elements.every((element) => element !== null && isWrittenPath(element));
    default:
      return false;
  }
}
