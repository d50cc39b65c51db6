import type { Node } from "@babel/types";
import { isClassInstance, objectWithTag, type Value } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import { NEST_APP } from "./metadata.js";

/** A kind of class Nest runs for every request of an app once it is registered for the whole app. */
export interface GlobalEnhancer {
  /** What it is, for messages: `a guard`. */
  readonly what: string;
  /** The token of `@nestjs/core` that makes a module's provider one (`{ provide: APP_GUARD, useClass: AuthGuard }`). */
  readonly token: string;
  /** The app's method registering an instance of one (`app.useGlobalGuards(new AuthGuard())`). */
  readonly method: string;
  /** The decorator that binds one to a controller instead (`@UseGuards(AuthGuard)`). */
  readonly decorator: string;
}

/** Guards, interceptors, filters and pipes: the ways of registering each for the whole app, and of binding it to a controller. */
export const GLOBAL_ENHANCERS: readonly GlobalEnhancer[] = [
  { what: "a guard", token: "APP_GUARD", method: "useGlobalGuards", decorator: "UseGuards" },
  { what: "an interceptor", token: "APP_INTERCEPTOR", method: "useGlobalInterceptors", decorator: "UseInterceptors" },
  { what: "a filter", token: "APP_FILTER", method: "useGlobalFilters", decorator: "UseFilters" },
  { what: "a pipe", token: "APP_PIPE", method: "useGlobalPipes", decorator: "UsePipes" },
];

/**
 * `app.useGlobalGuards(new AuthGuard(), ...)` (and `useGlobalInterceptors`, `useGlobalFilters`,
 * `useGlobalPipes`) on a NestJS app, however the app is held: each argument that is an instance of a
 * class of the program, with the class's file, which every unit running the call must hold (the
 * transform reports the units that would get a stand-in for it). Instances of a package's classes
 * (`new ValidationPipe()`) are left alone: every unit has its packages.
 */
export const nestjsGlobalEnhancers: Extractor = {
  meta: { kind: "nestjs_global_enhancer", description: "Instances of the program's classes a NestJS app runs for every request: useGlobalGuards(), useGlobalInterceptors(), useGlobalFilters(), useGlobalPipes()." },
  methodCalls: { tags: [NEST_APP] },
  method(object, method, args, node, ctx) {
    if (!objectWithTag(object, NEST_APP) || !GLOBAL_ENHANCERS.some((enhancer) => enhancer.method === method)) return undefined;
    const written = argumentNodes(node, args.length);
    args.forEach((value, index) => {
      const instance = classOf(value);
      if (instance) ctx.emit({ kind: "nestjs_global_enhancer", method, ...instance, range: ctx.range(written?.[index] ?? node) });
    });
    // Nest's useGlobal* methods return the app, so calls chain.
    return object;
  },
};

/** The name and file of the class `value` is an instance of, when it is one of the program's. */
function classOf(value: Value): { readonly name: string; readonly file: string } | undefined {
  if (value.kind !== "object" || !isClassInstance(value.ref) || value.ref.range === undefined) return undefined;
  return { name: value.ref.name ?? "(anonymous class)", file: value.ref.range.file };
}

/** The argument nodes of a call, when they match its `count` evaluated arguments one for one (none is spread). */
function argumentNodes(node: Node, count: number): readonly Node[] | undefined {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return undefined;
  const written = node.arguments;
  return written.length === count && written.every((argument) => argument.type !== "SpreadElement") ? written : undefined;
}
