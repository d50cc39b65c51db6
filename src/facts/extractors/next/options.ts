import path from "node:path";
import type { Node, ObjectExpression } from "@babel/types";
import type { Value } from "../../interpreter/values.js";
import type { CallNode } from "../extractor.js";

/** The options of `next({ dev, dir })` klotho can know when compiling. */
export interface NextOptions {
  /** The app's folder, project-relative (`.` for the project root); `../x` when it is outside the project. */
  readonly dir?: string;
  readonly dev?: boolean;
}

/** Calls that join paths the way `path.join` and `path.resolve` do (with relative segments). */
const JOINS = new Set(["join", "resolve"]);

/**
 * `dir` and `dev` of `next(options)`. Without options, or without `dir`, Next.js uses the working
 * folder, which is the project root locally and the unit's root in the cloud. `dir` is known when
 * it is a relative string (from the project root), `__dirname`, `import.meta.dirname`,
 * `process.cwd()`, or one of these joined with string segments (`path.join(__dirname, "..")`);
 * `dev` when it is a literal boolean.
 */
export function nextOptions(args: readonly Value[], node: CallNode, file: string): NextOptions {
  const written = node.arguments[0]?.type === "ObjectExpression" ? node.arguments[0] : undefined;
  const devNode = written ? propertyValue(written, "dev") : undefined;
  const dir = dirOption(args[0], written, file);
  return {
    ...(dir !== undefined ? { dir } : {}),
    ...(devNode?.type === "BooleanLiteral" ? { dev: devNode.value } : {}),
  };
}

function dirOption(options: Value | undefined, written: ObjectExpression | undefined, file: string): string | undefined {
  if (options === undefined) return ".";
  if (options.kind !== "object") return undefined;
  const dirNode = written ? propertyValue(written, "dir") : undefined;
  const value = options.ref.props.get("dir");
  if (value === undefined && dirNode === undefined && !options.ref.getters.has("dir")) return ".";
  if (value?.kind === "string") return relativeFolder(value.value);
  return dirNode ? folderOfExpression(dirNode, file) : undefined;
}

/** The value node of the last non-computed property `name` of an object literal. */
function propertyValue(object: ObjectExpression, name: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty" || property.computed) continue;
    const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : undefined;
    if (key === name) found = property.value;
  }
  return found;
}

/** A folder written relative to the working folder (the project root), normalised; undefined when absolute. */
function relativeFolder(folder: string): string | undefined {
  if (folder === "" || path.posix.isAbsolute(folder) || path.win32.isAbsolute(folder)) return folder === "" ? "." : undefined;
  const normalized = path.posix.normalize(folder).replace(/\/+$/, "");
  return normalized === "" ? "." : normalized;
}

/** The project folder an expression names, for the forms `nextOptions` lists. */
function folderOfExpression(node: Node, file: string): string | undefined {
  if (isFileFolder(node)) return path.posix.dirname(file);
  if (isCwd(node)) return ".";
  if (node.type !== "CallExpression" || !isJoin(node.callee)) return undefined;
  const [base, ...rest] = node.arguments;
  if (!base || !rest.every((segment) => segment.type === "StringLiteral" && !path.posix.isAbsolute(segment.value))) return undefined;
  const from = isFileFolder(base) ? path.posix.dirname(file) : isCwd(base) ? "." : undefined;
  if (from === undefined) return undefined;
  return relativeFolder(path.posix.join(from, ...rest.map((segment) => (segment.type === "StringLiteral" ? segment.value : ""))));
}

/** `__dirname` or `import.meta.dirname`. */
function isFileFolder(node: Node): boolean {
  if (node.type === "Identifier") return node.name === "__dirname";
  return (
    node.type === "MemberExpression" &&
    node.object.type === "MetaProperty" &&
    node.object.meta.name === "import" &&
    node.property.type === "Identifier" &&
    node.property.name === "dirname"
  );
}

/** `process.cwd()`. */
function isCwd(node: Node): boolean {
  if (node.type !== "CallExpression" || node.arguments.length > 0 || node.callee.type !== "MemberExpression") return false;
  const { object, property } = node.callee;
  return object.type === "Identifier" && object.name === "process" && property.type === "Identifier" && property.name === "cwd";
}

/** `join(...)`, `resolve(...)`, `path.join(...)`, `path.posix.resolve(...)`. */
function isJoin(callee: Node): boolean {
  if (callee.type === "Identifier") return JOINS.has(callee.name);
  return callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && JOINS.has(callee.property.name);
}
