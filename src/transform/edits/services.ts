import path from "node:path";
import type { Node } from "@babel/types";
import type { Annotation } from "../../annotations/index.js";
import type { Fact } from "../../facts/index.js";
import { factsBoundTo } from "../../units/index.js";
import type { EditContext } from "../edit-context.js";
import { lineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";

const FS_MODULES = new Set(["fs", "fs/promises", "node:fs", "node:fs/promises"]);

/** The shim module a persisted fs import is pointed at (`klotho_runtime/stores/<kind>-<id>.js`). */
export function storeShimPath(kind: "fs" | "secrets", id: string): string {
  return `klotho_runtime/stores/${kind}-${id.replace(/[^A-Za-z0-9_.-]/g, "_")}.js`;
}

/**
 * Cloud services for the annotated clients: an fs import's specifier points at a shim module
 * that exports the S3 (or Secrets Manager) file system in every shape fs has (default,
 * namespace, named, `.promises`); ORM clients get the connection string the infrastructure sets;
 * an exported EventEmitter becomes the emitter runtime that also publishes to SNS. Each only when
 * the plan has its resource (`persist_fs:<id>` or `persist_secret:<id>`, `persist_orm:<id>`, and
 * `pubsub:<id>`, whose topics `topicsOf` gives).
 */
export function rewriteServices(
  context: EditContext,
  nodes: NodeIndex,
  annotations: readonly Annotation[],
  facts: readonly Fact[],
  topicsOf: (id: string) => readonly string[] | undefined,
  planned: (resourceId: string) => boolean,
): void {
  const file = context.parsed.file.path;
  for (const annotation of annotations) {
    if (annotation.range.file !== file || annotation.id === undefined || !annotation.boundTo || wiredByEnvironment(annotation)) continue;
    const bound = factsBoundTo(annotation, facts);
    const fsKind = annotation.directives["secret"] === true ? "secrets" : "fs";
    if (annotation.capability === "persist" && bound.some((f) => f.kind === "fs_import" && f.promises) && planned(`${fsKind === "secrets" ? "persist_secret" : "persist_fs"}:${annotation.id}`)) {
      pointFsAtShim(context, nodes, annotation, fsKind);
    }
    for (const fact of bound) {
      const node = nodes.at(fact.range);
      if (!node) continue;
      if (annotation.capability === "persist" && fact.kind === "orm_client" && planned(`persist_orm:${annotation.id}`)) rewriteOrm(context, node, annotation.id, fact.library);
      const topics = annotation.capability === "pubsub" ? topicsOf(annotation.id) : undefined;
      if (topics && fact.kind === "emitter" && node.type === "NewExpression") {
        const options = JSON.stringify({ id: annotation.id, topics });
        context.replace(node.start ?? 0, node.end ?? 0, `${context.runtime("emitter", "createEmitter")}(${options})`);
      }
    }
  }
}

/** A persist with `[environment_variables]` is wired by the environment the unit receives; its code stays as written. */
export function wiredByEnvironment(annotation: Annotation): boolean {
  return annotation.directives["environment_variables"] !== undefined;
}

function pointFsAtShim(context: EditContext, nodes: NodeIndex, annotation: Annotation, kind: "fs" | "secrets"): void {
  const bound = annotation.boundTo?.range;
  if (!bound || annotation.id === undefined) return;
  let shim = path.posix.relative(path.posix.dirname(context.parsed.file.path), storeShimPath(kind, annotation.id));
  if (!shim.startsWith(".")) shim = `./${shim}`;
  for (const node of nodes.imports) {
    if ((node.start ?? 0) < bound.start.offset || (node.end ?? 0) > bound.end.offset) continue;
    const found = nodes.specifierOf(node);
    if (!found || !FS_MODULES.has(found.value)) continue;
    context.replace(found.node.start ?? 0, found.node.end ?? 0, JSON.stringify(shim));
    context.needs.shims.set(`${kind}:${annotation.id}`, { kind, id: annotation.id });
  }
}

/**
 * Points an ORM client at the unit's database: the runtime's options helper for its library gets the
 * user's options as they are written and keeps them, adding the connection string and TLS (orm.js).
 */
function rewriteOrm(context: EditContext, node: Node, id: string, library: string): void {
  if (node.type !== "NewExpression" && node.type !== "CallExpression") return;
  const helper = ORM_OPTIONS[library];
  if (helper === undefined) return;
  const options = library === "sequelize" ? sequelizeOptionsArgument(node.arguments) : node.arguments[0];
  const call = `${context.runtime("orm", helper)}(${[JSON.stringify(id), ...(options ? [sourceOf(context.parsed, options)] : [])].join(", ")})`;
  const url = library === "sequelize" ? `${context.runtime("orm", "connectionString")}(${JSON.stringify(id)}), ` : "";
  const prefix = node.type === "NewExpression" ? "new " : "";
  const text = `${prefix}${sourceOf(context.parsed, node.callee)}(${url}${call})`;
  // The lines the user's options do not carry over, kept in a comment so no later line moves.
  const breaks = lineBreaks(sourceOf(context.parsed, node)) - lineBreaks(text);
  context.replace(node.start ?? 0, node.end ?? 0, `${text}${breaks > 0 ? ` /*${"\n".repeat(breaks)}*/` : ""}`);
}

/** The orm.js function that makes each library's options. */
const ORM_OPTIONS: Readonly<Record<string, string>> = { prisma: "prismaOptions", sequelize: "sequelizeOptions", typeorm: "typeormOptions", knex: "knexConfig" };

/**
 * Sequelize's options: the last of (url, options) or (database, user, password, options), or a lone
 * (options); never a string or an env read in those places (a URL, a user name). Anything else is
 * passed on, and the runtime keeps it only when it is an object (the second of two arguments may be
 * a user name in a variable, a lone one a URL).
 */
function sequelizeOptionsArgument(args: readonly Node[]): Node | undefined {
  const candidate = args.length === 1 || args.length === 2 || args.length === 4 ? args[args.length - 1] : undefined;
  return candidate === undefined || candidate.type === "StringLiteral" || candidate.type === "TemplateLiteral" || isEnvironmentRead(candidate) ? undefined : candidate;
}

/** `process.env.X`: a string, never options. */
function isEnvironmentRead(node: Node): boolean {
  return (
    node.type === "MemberExpression" &&
    node.object.type === "MemberExpression" &&
    node.object.object.type === "Identifier" &&
    node.object.object.name === "process" &&
    node.object.property.type === "Identifier" &&
    node.object.property.name === "env"
  );
}
