import { UNKNOWN, isSpecial, special } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import { COMMON, FORWARD_REF, VERSION_NEUTRAL, VERSIONING_TYPE, decoratorValue } from "./metadata.js";

/** The decorator factories of `@nestjs/common` that shape routes, and `applyDecorators`, which composes them. */
const FACTORIES = new Set(["Controller", "Module", "Get", "Post", "Put", "Delete", "Patch", "Options", "Head", "All", "Sse", "Version", "applyDecorators"]);
/** The special values of the functions the `call` hook runs: the factories and `forwardRef`. */
const CALLABLE: readonly string[] = [...FACTORIES, "forwardRef"].map((name) => `${COMMON}.${name}`);

/**
 * `@nestjs/common`, however it is imported: its route-shaping decorator factories evaluate to
 * decorators the other NestJS extractors read when they are applied (`decorate` hook), and
 * `forwardRef(() => X)` keeps its function for when the module graph is walked.
 */
export const nestjsDecorators: Extractor = {
  meta: { kind: "http_router", description: "NestJS decorator factories (@Controller, @Module, @Get, @Version, ...), VERSION_NEUTRAL, applyDecorators and forwardRef from @nestjs/common." },
  packages: ["@nestjs/common"],
  module(specifier) {
    return specifier === "@nestjs/common" ? special(COMMON) : undefined;
  },
  memberReads: { tags: [VERSIONING_TYPE, COMMON] },
  member(object, property) {
    if (isSpecial(object, VERSIONING_TYPE)) return special(`${VERSIONING_TYPE}.${property}`);
    if (!isSpecial(object, COMMON)) return undefined;
    if (property === "default") return object;
    if (property === "VersioningType") return special(VERSIONING_TYPE);
    if (property === "VERSION_NEUTRAL") return special(VERSION_NEUTRAL);
    return FACTORIES.has(property) || property === "forwardRef" ? special(`${COMMON}.${property}`) : undefined;
  },
  callees: { tags: CALLABLE },
  call(callee, args) {
    if (callee.kind !== "special" || !CALLABLE.includes(callee.tag)) return undefined;
    const factory = callee.tag.slice(COMMON.length + 1);
    return factory === "forwardRef" ? special(FORWARD_REF, { target: args[0] ?? UNKNOWN }) : decoratorValue(factory, args);
  },
};
