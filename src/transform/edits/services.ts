import path from "node:path";
import type { Node } from "@babel/types";
import type { Annotation } from "../../annotations/index.js";
import type { Fact } from "../../facts/index.js";
import { factsBoundTo } from "../../units/index.js";
import type { EditContext } from "../edit-context.js";
import { sourceOf } from "../edit-context.js";
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

function rewriteOrm(context: EditContext, node: Node, id: string, library: string): void {
  if (node.type !== "NewExpression" && node.type !== "CallExpression") return;
  const url = `${context.runtime("orm", "connectionString")}(${JSON.stringify(id)})`;
  const args = node.arguments.map((a) => sourceOf(context.parsed, a));
  // Sequelize's options: the last of (url, options) or (database, user, password, options), or an object written alone.
  // Sequelize's options: the last of (url, options) or (database, user, password, options), or a lone
  // (options); a literal object is spread as written, anything else through optionsOf, which keeps only
  // an object (the second of two arguments may be a user name, a lone one a URL).
  const candidate = node.arguments.length === 1 || node.arguments.length === 2 || node.arguments.length === 4 ? node.arguments[node.arguments.length - 1] : undefined;
  const sequelizeOptions =
    candidate === undefined || candidate.type === "StringLiteral" || candidate.type === "TemplateLiteral" || isEnvironmentRead(candidate)
      ? undefined
      : candidate.type === "ObjectExpression"
        ? sourceOf(context.parsed, candidate)
        : `${context.runtime("orm", "optionsOf")}(${sourceOf(context.parsed, candidate)})`;
  const spread = (source: string | undefined): string => (source ? `...(${source}), ` : "");
  const callee = sourceOf(context.parsed, node.callee);
  const prefix = node.type === "NewExpression" ? "new " : "";
  const rebuilt: Record<string, string> = {
    // Prisma refuses datasourceUrl beside datasources; an undefined datasources is as good as none.
    prisma: `${callee}({ ${spread(args[0])}datasources: undefined, datasourceUrl: ${url} })`,
    sequelize: `${callee}(${url}, { ${spread(sequelizeOptions)}dialect: "postgres" })`,
    typeorm: `${callee}({ ${spread(args[0])}type: "postgres", url: ${url} })`,
    knex: `${callee}({ ${spread(args[0])}client: "pg", connection: ${url} })`,
  };
  const text = rebuilt[library];
  if (text === undefined) return;
  const breaks = sourceOf(context.parsed, node).split("\n").length - 1;
  context.replace(node.start ?? 0, node.end ?? 0, `${prefix}${text}${breaks > 0 ? ` /*${"\n".repeat(breaks)}*/` : ""}`);
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
