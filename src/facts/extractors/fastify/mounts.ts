import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import { rangeOfNode } from "../../../util/source-range.js";
import { UNKNOWN, isSpecial, special, type FunctionValue, type ObjectRef, type Value } from "../../interpreter/values.js";
import { isCorsMiddleware, recordCors } from "../cors.js";
import type { CallNode, Extractor, ExtractorContext } from "../extractor.js";
import { FASTIFY_INSTANCE, FASTIFY_INSTANCES, fastifyInstance } from "./app.js";

/** The `fastify-plugin` module, and what it returns: a plugin that runs on its parent's instance (no encapsulation, no prefix). */
const FASTIFY_PLUGIN = "fastify-plugin";
const SKIP_OVERRIDE = "fastify.skip-override";
/** `@fastify/autoload`, which registers every file of a folder as a plugin when the app runs. */
const FASTIFY_AUTOLOAD = "@fastify/autoload";

/** A plugin as `register()` receives it. */
type Plugin = { readonly fn: FunctionValue; readonly skipOverride: boolean } | { readonly unresolved: string } | undefined;

/**
 * Plugins: `app.register(plugin, { prefix })` runs the plugin with a new encapsulated instance (a
 * router mounted at the prefix); a `fastify-plugin`-wrapped plugin runs on the parent instance
 * itself, as Fastify does (its routes are the parent's, and `prefix` does not apply).
 */
export const fastifyMounts: Extractor = {
  meta: { kind: "http_mount", description: "Fastify plugins registered with register(), with their prefix; fastify-plugin wrappers." },
  packages: ["fastify-plugin", FASTIFY_AUTOLOAD],
  module(specifier) {
    if (specifier === FASTIFY_AUTOLOAD) return special(FASTIFY_AUTOLOAD);
    return specifier === "fastify-plugin" ? special(FASTIFY_PLUGIN) : undefined;
  },
  memberReads: { tags: [FASTIFY_AUTOLOAD, FASTIFY_PLUGIN] },
  member(object, property) {
    if (isSpecial(object, FASTIFY_AUTOLOAD)) return property === "default" || property === "fastifyAutoload" ? object : undefined;
    if (!isSpecial(object, FASTIFY_PLUGIN)) return undefined;
    return property === "default" || property === "fastifyPlugin" ? object : undefined;
  },
  callees: { tags: [FASTIFY_PLUGIN] },
  call(callee, args) {
    return isSpecial(callee, FASTIFY_PLUGIN) ? special(SKIP_OVERRIDE, { plugin: args[0] ?? UNKNOWN }) : undefined;
  },
  methodCalls: { tags: FASTIFY_INSTANCES },
  method(object, method, args, node, ctx) {
    const parent = fastifyInstance(object);
    if (!parent || method !== "register") return undefined;
    register(object, parent, args, node, ctx);
    return object;
  },
};

function register(parentValue: Value, parent: ObjectRef, args: readonly Value[], node: CallNode, ctx: ExtractorContext): void {
  // The folder's files are loaded when the app runs, by a name klotho cannot follow: say so rather than
  // deploy a unit without them (fastify-cli's scaffold registers its routes and plugins this way).
  if (isSpecial(args[0] ?? UNKNOWN, FASTIFY_AUTOLOAD)) {
    ctx.report(createDiagnostic("fastify/autoload", { range: ctx.range(node) }));
    return;
  }
  // `@fastify/cors` is wrapped in fastify-plugin: it answers preflight requests on the parent itself.
  if (isCorsMiddleware(args[0] ?? UNKNOWN)) {
    recordCors(parent.id, "/", node, ctx);
    return;
  }
  const plugin = pluginOf(args[0]);
  const options = args[1] ?? UNKNOWN;
  const prefix = prefixOption(options);
  const range = ctx.range(node);
  if (plugin === undefined) return;
  if ("unresolved" in plugin) {
    if (typeof prefix === "string") ctx.emit({ kind: "http_mount", parent: parent.id, unresolved: plugin.unresolved, prefix, range });
    return;
  }
  if (plugin.skipOverride) {
    ctx.invoke(plugin.fn, [parentValue, options, UNKNOWN]);
    return;
  }
  // One instance per plugin: `for (const name of names) app.register(import(`./routes/${name}.js`))` registers several here.
  const child = ctx.newObject(FASTIFY_INSTANCE, node, `${plugin.fn.file}:${plugin.fn.node.start ?? 0}`);
  // A plugin's instance inherits what its parent was decorated with (Fastify makes it with Object.create(parent)).
  for (const [key, value] of parent.props) child.props.set(key, value);
  child.name = pluginName(plugin.fn, node.arguments[0], ctx.file);
  ctx.emit({ kind: "http_router", framework: "fastify", id: child.id, name: child.name, range: rangeOfNode(plugin.fn.file, plugin.fn.node) });
  if (prefix === undefined) ctx.report(createDiagnostic("fastify/dynamic-prefix", { range }));
  else ctx.emit({ kind: "http_mount", parent: parent.id, child: child.id, prefix, range });
  ctx.invoke(plugin.fn, [{ kind: "object", ref: child }, options, UNKNOWN]);
}

/** The plugin function behind a `register()` argument: a function, `fastify-plugin(fn)`, a module's `default`, an `import()` promise. */
function pluginOf(value: Value | undefined, depth = 0): Plugin {
  if (value === undefined || depth > 4) return undefined;
  switch (value.kind) {
    case "function":
      return { fn: value.fn, skipOverride: false };
    case "promise":
      return pluginOf(value.value, depth + 1);
    case "special": {
      if (value.tag !== SKIP_OVERRIDE) return undefined;
      const inner = pluginOf(value.data?.["plugin"], depth + 1);
      return inner && "fn" in inner ? { fn: inner.fn, skipOverride: true } : inner;
    }
    case "object":
      return pluginOf(value.ref.props.get("default"), depth + 1);
    case "unknown":
      return value.unresolved === undefined ? undefined : { unresolved: value.unresolved };
    default:
      return undefined;
  }
}

/** The `prefix` of register()'s options: "/" when there is none, undefined when it is not a known string. */
function prefixOption(options: Value): string | undefined {
  if (options.kind !== "object" || !options.ref.props.has("prefix")) return "/";
  const prefix = options.ref.props.get("prefix");
  return prefix?.kind === "string" ? prefix.value || "/" : undefined;
}

/**
 * A plugin's name for messages: the function's own name, the name it was registered under, else
 * its file's name (its folder's for an index file), or `plugin` for an anonymous one in the registering file.
 */
function pluginName(fn: FunctionValue, argument: Node | undefined, registeringFile: string): string {
  const node = fn.node;
  if ((node.type === "FunctionDeclaration" || node.type === "FunctionExpression") && node.id) return node.id.name;
  if (argument?.type === "Identifier") return argument.name;
  const member = argument?.type === "MemberExpression" || argument?.type === "OptionalMemberExpression" ? argument : undefined;
  if (member && !member.computed && member.property.type === "Identifier" && member.property.name !== "default") return member.property.name;
  if (fn.file === registeringFile) return "plugin";
  const base = fn.file.replace(/\.[^./]+$/, "").split("/");
  const last = base.at(-1) ?? "plugin";
  return last === "index" && base.length > 1 ? (base.at(-2) ?? last) : last;
}
