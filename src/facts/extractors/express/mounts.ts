import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import { UNKNOWN, isSpecial, objectWithTag, stringOf, type ObjectRef, type Value } from "../../interpreter/values.js";
import { isCorsMiddleware, recordCors } from "../cors.js";
import { warnDefaultPath } from "./routes.js";
import { writtenName } from "../written-name.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { EXPRESS_STATIC_HANDLER } from "./app.js";

/** Mounts: `app.use(router)`, `app.use('/prefix', a, b)`, `router.use('/sub', other)`. */
export const expressMounts: Extractor = {
  meta: { kind: "http_mount", description: "Routers and sub-apps mounted with use(), with their path prefix." },
  methodCalls: { tags: ["express.app", "express.router"] },
  method(object, method, args, node, ctx) {
    const parent = objectWithTag(object, "express.app", "express.router");
    if (!parent || method !== "use" || args.length === 0) return undefined;
    const prefixes = prefixesOf(args[0]);
    // A first argument written as a path (a template, a concatenation, an environment variable) whose text
    // is not known: its routers' routes cannot be placed, so they are not exposed (rather than at the wrong path).
    const first = node.arguments[0];
    if (!prefixes && first !== undefined && looksLikePath(first, ctx.parent)) {
      ctx.report(createDiagnostic("express/dynamic-mount-path", { range: ctx.range(first) }));
      return object;
    }
    if (prefixes) warnDefaultPath(args[0], node, ctx);
    const mounted = prefixes ? args.slice(1) : args;
    const handler = prefixes ? handlerMount(mounted, node.arguments.slice(1)) : undefined;
    for (const prefix of prefixes ?? ["/"]) {
      for (const child of mounted.flatMap(flatten)) {
        if (isSpecial(child, EXPRESS_STATIC_HANDLER)) recordStatic(parent, child, prefix, node, ctx);
        else if (isCorsMiddleware(child)) recordCors(parent.id, prefix, node, ctx);
        else recordMount(parent, child, prefix, node, ctx);
      }
      if (handler !== undefined && prefix !== "/") ctx.emit({ kind: "http_mount", parent: parent.id, handler: handler.name, ...(handler.answers ? { answers: true } : {}), prefix, range: ctx.range(node) });
    }
    return object;
  },
};

/**
 * A template, a `+` concatenation or `process.env.X`: an expression that can only be a path here; or
 * a variable declared with one (`const prefix = process.env.PREFIX`). Anything else whose value is
 * unknown (a call, a parameter) may as well be a middleware (`cors()`), mounted at `/`.
 */
function looksLikePath(node: Node, parentOf: (node: Node) => Node | undefined): boolean {
  if (node.type === "Identifier") {
    const init = declaredInit(node, parentOf);
    return init !== undefined && init.type !== "Identifier" && looksLikePath(init, parentOf);
  }
  if (node.type === "TemplateLiteral" || (node.type === "BinaryExpression" && node.operator === "+")) return true;
  if (node.type !== "MemberExpression") return false;
  const object = node.object;
  return object.type === "MemberExpression" && object.object.type === "Identifier" && object.object.name === "process" && object.property.type === "Identifier" && object.property.name === "env";
}

/**
 * The initial value of the variable `use` names, from the declaration in the nearest enclosing block
 * (or program) that declares that name; undefined when a function parameter or nothing declares it.
 */
function declaredInit(use: Node & { type: "Identifier" }, parentOf: (node: Node) => Node | undefined): Node | undefined {
  for (let scope = parentOf(use); scope !== undefined; scope = parentOf(scope)) {
    if ((scope.type === "FunctionDeclaration" || scope.type === "FunctionExpression" || scope.type === "ArrowFunctionExpression") && scope.params.some((param) => param.type === "Identifier" && param.name === use.name)) return undefined;
    if (scope.type !== "Program" && scope.type !== "BlockStatement") continue;
    for (const statement of scope.body) {
      const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
      if (declaration?.type !== "VariableDeclaration") continue;
      const declarator = declaration.declarations.find((d) => d.id.type === "Identifier" && d.id.name === use.name);
      if (declarator) return declarator.init ?? undefined;
    }
  }
  return undefined;
}

/** A handler mounted at a path: how it is written, and whether it surely answers the requests that reach it. */
interface HandlerMount {
  readonly name: string;
  readonly answers: boolean;
}

/**
 * The last handler of a `use(path, ...handlers)` that mounts neither a router, an app nor static files,
 * when it may answer requests itself: a function of at most two parameters (`(req, res)`, which cannot
 * pass a request on) surely does; a value klotho does not know (`graphqlHTTP({ schema })`,
 * `swaggerUi.setup(doc)`, but also middleware such as `cors()`) may. A function taking `next` is middleware.
 */
function handlerMount(handlers: readonly Value[], nodes: readonly Node[]): HandlerMount | undefined {
  const flat = handlers.flatMap(flatten);
  if (flat.length === 0 || flat.some((h) => isSpecial(h, EXPRESS_STATIC_HANDLER) || objectWithTag(h, "express.router", "express.app") || (h.kind === "unknown" && h.unresolved !== undefined))) return undefined;
  const last = flat.at(-1);
  const written = nodes.at(-1);
  const name = written === undefined ? "a handler" : describeHandler(written);
  if (last?.kind === "function") {
    const parameters = parameterCount(last.fn.node);
    return parameters !== undefined && parameters <= 2 ? { name, answers: true } : undefined;
  }
  return last?.kind === "unknown" ? { name, answers: false } : undefined;
}

/** A handler as written, in short: `graphqlHTTP(...)`, `swaggerUi.setup(...)`, `handler`, `a function`. */
function describeHandler(node: Node): string {
  if (node.type === "CallExpression") return `${writtenName(node.callee) ?? "..."}(...)`;
  if (node.type === "ArrayExpression") {
    const last = node.elements.at(-1);
    return last ? describeHandler(last) : "a handler";
  }
  return writtenName(node) ?? "a function";
}

/** How many parameters a function declares; undefined for a node that is no function. */
function parameterCount(node: Node): number | undefined {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression" || node.type === "ObjectMethod" || node.type === "ClassMethod" ? node.params.length : undefined;
}

/** The path(s) an Express `use(path | [paths], ...)` mounts at, when its first argument is a string or a list of strings. */
export function prefixesOf(value: Value | undefined): string[] | undefined {
  if (value?.kind === "string") return [value.value];
  if (value?.kind === "array" && value.items.length > 0 && value.items.every((i) => i.kind === "string")) {
    return value.items.map((i) => (i.kind === "string" ? i.value : "/"));
  }
  return undefined;
}

function flatten(value: Value): Value[] {
  return value.kind === "array" ? value.items.flatMap(flatten) : [value];
}

/** `use(prefix, express.static(dir))`: whether the gateway routes its files is decided with the routes (units/file-reads.ts). */
function recordStatic(parent: ObjectRef, handler: Value, prefix: string, node: Node, ctx: ExtractorContext): void {
  const folder = handler.kind === "special" ? stringOf(handler.data?.["folder"] ?? UNKNOWN) : undefined;
  ctx.emit({ kind: "http_static", parent: parent.id, prefix, ...(folder !== undefined ? { folder } : {}), range: ctx.range(node) });
}

function recordMount(parent: ObjectRef, child: Value, prefix: string, node: Node, ctx: ExtractorContext): void {
  const range = ctx.range(node);
  const mounted = objectWithTag(child, "express.router", "express.app");
  if (mounted) {
    ctx.emit({ kind: "http_mount", parent: parent.id, child: mounted.id, prefix, range });
  } else if (child.kind === "function") {
    ctx.emit({ kind: "http_middleware", parent: parent.id, file: child.fn.file, range });
  } else if (child.kind === "unknown" && child.unresolved !== undefined) {
    ctx.emit({ kind: "http_mount", parent: parent.id, unresolved: child.unresolved, prefix, range });
  } else {
    // Middleware klotho cannot see into (`cors()`, `passport.authenticate("jwt")`): written here.
    ctx.emit({ kind: "http_middleware", parent: parent.id, file: range.file, range });
  }
}
