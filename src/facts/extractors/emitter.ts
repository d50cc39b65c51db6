import type { Node } from "@babel/types";
import type { SourceRange } from "../../util/source-range.js";
import { alternativesOf, isSpecial, objectWithTag, special, stringOf, type Value } from "../interpreter/values.js";
import { enclosingScope } from "./enclosing-scope.js";
import type { Extractor, ExtractorContext } from "./extractor.js";

/** Methods that register a listener: the unit calling them subscribes to the event. */
const SUBSCRIBE_METHODS = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

/** `events` / `node:events`, its `EventEmitter` (named, default, `.default`), and the emitter class itself. */
function isEmitterClass(value: Value): boolean {
  return isSpecial(value, "events") || isSpecial(value, "events.EventEmitter");
}

/**
 * Node's `EventEmitter` (candidates for `@klotho::pubsub`): `new EventEmitter()` from `events` or
 * `node:events` in every import form, the events emitted and listened to with their names, and
 * the modules that export an emitter (other modules, and so other units, can reach only those).
 */
export const emitters: Extractor = {
  meta: { kind: "emitter", description: "EventEmitters created with new EventEmitter(), their exports and the events emitted and listened to." },
  packages: ["events"],
  module(specifier) {
    return specifier === "events" ? special("events") : undefined;
  },
  memberReads: { tags: ["events", "events.EventEmitter"] },
  member(object, property) {
    if (!isEmitterClass(object)) return undefined;
    if (property === "EventEmitter") return special("events.EventEmitter");
    return property === "default" ? object : undefined;
  },
  construct(callee, _args, node, ctx) {
    if (!isEmitterClass(callee)) return undefined;
    const emitter = ctx.newObject("emitter", node);
    ctx.emit({ kind: "emitter", id: emitter.id, range: ctx.range(node) });
    return { kind: "object", ref: emitter };
  },
  methodCalls: { tags: ["emitter"] },
  method(object, method, args, node, ctx) {
    const emitter = objectWithTag(object, "emitter");
    if (!emitter) return undefined;
    const role = method === "emit" ? "publish" : SUBSCRIBE_METHODS.has(method) ? "subscribe" : undefined;
    if (!role) return undefined;
    // Every name the argument may be (`ok ? "a.done" : "a.failed"`), each routed; one that is not a known
    // string (`input || "b.default"`) is a name klotho cannot route, as is an unknown argument.
    const names = args[0] ? alternativesOf(args[0]).map(stringOf) : [undefined];
    const helper = forwardingFunction(node.arguments[0], ctx.parent);
    // Listeners stay with the file registering them: a unit's copy of that file registers all of them or none (listenerHomes).
    const calledFrom = role === "publish" && helper ? callerInAnotherFile(helper, ctx) : undefined;
    // A listener registered by code another file's code calls runs where that code runs; one registered
    // whenever this file loads (its top-level code, a constructor or helper it calls itself, a library's
    // callback such as a NestJS lifecycle hook) has one home unit (units/pubsub.ts).
    const calledElsewhere = role === "subscribe" && ctx.calledFromAnotherFile(ctx.file);
    for (const topic of [...new Set(names)]) {
      const forwarded = topic === undefined && helper !== undefined;
      const named = topic !== undefined ? { topic, ...(calledFrom ? { calledFrom } : {}) } : {};
      ctx.emit({ kind: "emitter_event", target: emitter.id, role, method, ...named, ...(forwarded ? { forwarded } : {}), ...(calledElsewhere ? { calledElsewhere } : {}), range: ctx.range(node) });
    }
    // Listener registration returns the emitter, so `bus.on("a", f).on("b", g)` chains.
    return role === "subscribe" ? object : { kind: "unknown" };
  },
  moduleExports(exports, ctx) {
    for (const [name, value] of exports) {
      exportedEmitter(value, name, ctx);
      // `export default { bus }`; a CommonJS module's properties are listed as exports already.
      if (value.kind !== "object" || value.ref.tag === "emitter" || name === "module.exports") continue;
      for (const [property, inner] of value.ref.props) exportedEmitter(inner, `${name}.${property}`, ctx);
    }
  },
};

/**
 * `publish` in `function publish(event, data) { bus.emit(event, data); }`: the function the event name is
 * a parameter of (an identifier naming a parameter of the function it is written in), whose callers name it.
 */
function forwardingFunction(argument: Node | undefined, parentOf: (node: Node) => Node | undefined): Node | undefined {
  if (argument?.type !== "Identifier") return undefined;
  const scope = enclosingScope(argument, parentOf);
  const forwards = scope !== undefined && "params" in scope && scope.params.some((param) => param.type === "Identifier" && param.name === argument.name);
  return forwards ? scope : undefined;
}

/**
 * Where the helper forwarding its parameter as the event name is being called, when that call is
 * written in another file: the code naming the event is the caller's, so the units running the
 * caller's file publish it, not every unit that merely imports the helper's file.
 *
 * Only the helper's own caller counts, not the outermost call up the stack: the interpreter memoises
 * a call per calling file, so facts may depend on the innermost call alone (a name forwarded through
 * helpers in two files counts for the units running the middle one). A call in the helper's own file
 * names nothing new (its units are those of the emit), and a helper run by a library or on its own
 * has no caller klotho sees.
 */
function callerInAnotherFile(helper: Node, ctx: ExtractorContext): SourceRange | undefined {
  const site = ctx.callSite(helper);
  return site && site.file !== ctx.file ? site : undefined;
}

function exportedEmitter(value: Value, name: string, ctx: ExtractorContext): void {
  const emitter = objectWithTag(value, "emitter");
  if (!emitter?.range) return;
  ctx.emit({ kind: "emitter_export", target: emitter.id, module: ctx.file, name, range: emitter.range });
}
