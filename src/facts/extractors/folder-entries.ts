import path from "node:path";
import type { Node } from "@babel/types";
import { MAX_UNROLLED_ITEMS } from "../../util/analysis-limits.js";
import { projectPath, readPathOf } from "../interpreter/file-paths.js";
import { UNKNOWN, type Value } from "../interpreter/values.js";
import type { CallNode, ExtractorContext } from "./extractor.js";

/** The options of a listing that change what it gives, as written in an object literal. */
interface ListingOptions {
  readonly withFileTypes: boolean;
  readonly recursive: boolean;
}

/**
 * What `readdirSync(folder, options)` (and `readdir`, callback or promise) gives for a folder of the project:
 * its entries as the project loader saw them (ctx.listFolder), sorted for a deterministic analysis, as names
 * or, with `withFileTypes`, as objects whose `name` (and `parentPath`) is known. Unknown for a path klotho cannot
 * place in the project, a folder it does not hold, options it cannot read (a variable, `encoding: "buffer"`),
 * and a folder of more entries than a loop over them is followed for (a warning says so where they are loaded).
 */
export function folderEntries(args: readonly Value[], node: CallNode, ctx: ExtractorContext): Value {
  const folder = readPathOf(args[0] ?? UNKNOWN);
  const options = args[1]?.kind === "function" ? { withFileTypes: false, recursive: false } : listingOptions(node.arguments[1]);
  if (folder === undefined || folder === ".." || folder.startsWith("../") || options === undefined) return UNKNOWN;
  const entries = ctx.listFolder(folder, options.recursive);
  if (entries === undefined || entries.length > MAX_UNROLLED_ITEMS) return UNKNOWN;
  if (!options.withFileTypes) return { kind: "array", items: entries.map((entry): Value => ({ kind: "string", value: entry })) };
  return { kind: "array", items: entries.map((entry) => direntOf(folder, entry, node, ctx)) };
}

/** The callback a callback-style listing (`readdir(folder, [options], (error, entries) => ...)`) calls: its last argument, when a function. */
export function listingCallback(args: readonly Value[]): Value | undefined {
  const last = args.length >= 2 ? args.at(-1) : undefined;
  return last?.kind === "function" ? last : undefined;
}

/** A `fs.Dirent` of `entry` (a path below `folder`): its `name`, and the folder it is in as `parentPath` (and the older `path`). */
function direntOf(folder: string, entry: string, node: Node, ctx: ExtractorContext): Value {
  const ref = ctx.newObject("plain", node, `dirent:${entry}`);
  const parent = projectPath(path.posix.join(folder, path.posix.dirname(entry)));
  ref.props.set("name", { kind: "string", value: path.posix.basename(entry) });
  ref.props.set("parentPath", parent);
  ref.props.set("path", parent);
  return { kind: "object", ref };
}

/**
 * The options argument of a listing: none, an encoding (a string literal but "buffer"), or an
 * object literal of literal `withFileTypes`, `recursive` and `encoding` values; undefined for anything else.
 */
function listingOptions(argument: Node | undefined): ListingOptions | undefined {
  const plain = { withFileTypes: false, recursive: false };
  if (argument === undefined) return plain;
  if (argument.type === "StringLiteral") return argument.value === "buffer" ? undefined : plain;
  if (argument.type !== "ObjectExpression") return undefined;
  const read: Record<string, boolean> = { ...plain };
  for (const property of argument.properties) {
    if (property.type !== "ObjectProperty" || property.computed || property.key.type !== "Identifier") return undefined;
    const { name } = property.key;
    if (name === "encoding" && property.value.type === "StringLiteral" && property.value.value !== "buffer") continue;
    if ((name !== "withFileTypes" && name !== "recursive") || property.value.type !== "BooleanLiteral") return undefined;
    read[name] = property.value.value;
  }
  return { withFileTypes: read["withFileTypes"] === true, recursive: read["recursive"] === true };
}
