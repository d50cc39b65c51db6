import type { SourceRange } from "../../../util/source-range.js";
import type { HttpMethod } from "../../fact.js";
import { special, type FunctionValue, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { ExtractorContext } from "../extractor.js";
import { runStateKey } from "../run-state.js";

/**
 * What the NestJS extractors learn while the program runs, as Nest's own `Reflect` metadata
 * would hold it: controllers' paths, modules' controllers and imports, apps' root modules and
 * global prefixes. Keyed by the interpreter's objects, which belong to one compile, so nothing is
 * shared between compiles; the maps are only looked up, never iterated.
 */

/** One version of Nest's `VersionValue`: a string, or null for `VERSION_NEUTRAL` (no version segment). */
export type Version = string | null;

/** The versions a `VersionValue` names (one path per version), or "unknown" when they are not literals. */
export type Versions = readonly Version[] | "unknown";

/** What `app.enableVersioning(options)` sets that decides paths, when it may be URI versioning. */
export interface UriVersioning {
  /** The call, where what klotho cannot read in it is reported. */
  readonly range: SourceRange;
  /** True when the type is not known, so it may be URI versioning or a kind that leaves paths alone. */
  readonly uncertainType: boolean;
  /** The text before each version in its segment (`v` by default, `""` for `prefix: false`); undefined when it is not known. */
  readonly prefix: string | undefined;
  /** `defaultVersion`, the version of the controllers without one of their own; absent when none is set. */
  readonly defaultVersion?: Versions;
}

/** A `@Controller(...)` class. */
export interface ControllerInfo {
  /** Its paths in the plan's syntax; undefined when the path is not known when compiling. */
  readonly prefixes: readonly string[] | undefined;
  /** The `@Controller(...)` decorator. */
  readonly range: SourceRange;
  /** The class's name, for messages. */
  readonly name?: string;
  /** `@Controller({ version })`; absent when the controller has no version of its own. */
  readonly version?: Versions;
}

/** A route's own version, `@Version(...)` on its method. */
export interface RouteVersion {
  readonly versions: Versions;
  /** The `@Version(...)` decorator. */
  readonly range: SourceRange;
}

/** A controller listed by a module, and where the module lists it. */
export interface ControllerRef {
  readonly value: Value;
  /** The item of `controllers: [...]` naming it, when it can be told. */
  readonly range: SourceRange | undefined;
  /** The module class listing it (its instance object), for the paths RouterModule gives that module. */
  readonly module?: ObjectRef;
}

/** A `@Module({ controllers, imports })` class. */
export interface ModuleInfo {
  readonly controllers: readonly ControllerRef[];
  readonly imports: readonly Value[];
}

/** An app made by `NestFactory.create(root)`. */
export interface AppInfo {
  readonly root: Value;
  /** `setGlobalPrefix(...)` in the plan's syntax; `["/"]` until it is called, undefined when it is not known when compiling. */
  globalPrefixes: readonly string[] | undefined;
  /** What `enableVersioning(...)` set, when it may put versions in paths (the last call wins, as in Nest). */
  uriVersioning?: UriVersioning | undefined;
}

/** What the decorators of one method register: its routes (method and paths in the plan's syntax) and its `@Version(...)`s. */
export interface MethodRoutes {
  /** The class the method is written in (its instance object). */
  readonly owner: ObjectRef;
  readonly routes: { readonly method: HttpMethod; readonly path: string; readonly range: SourceRange }[];
  readonly versions: RouteVersion[];
}

/** What the NestJS extractors learn about the program's classes and apps in one analysis (ExtractorContext.runState). */
export interface NestMetadata {
  /** Controllers by their class's instance object. */
  readonly controllerClasses: WeakMap<ObjectRef, ControllerInfo>;
  /** Modules by their class's instance object. */
  readonly moduleClasses: WeakMap<ObjectRef, ModuleInfo>;
  /**
   * The routes of methods by the method's function, which a subclass's instance object still holds for
   * the methods it inherits (a `@Controller` class serves its superclasses' route methods too).
   */
  readonly methodRoutes: WeakMap<FunctionValue, MethodRoutes>;
  /** The `@Version(...)` decorators of a controller's methods, by the class's instance object. */
  readonly routeVersions: WeakMap<ObjectRef, RouteVersion[]>;
  /** Apps by their object. */
  readonly nestApps: WeakMap<ObjectRef, AppInfo>;
  /**
   * The paths `RouterModule.register([{ path, module, children }])` gives a module's own controllers, by
   * the module class's instance object (joined with the parents' paths; several registrations add up).
   */
  readonly routerModulePaths: WeakMap<ObjectRef, string[]>;
}

const NEST_METADATA = runStateKey(
  "NestJS classes and apps",
  (): NestMetadata => ({ controllerClasses: new WeakMap(), moduleClasses: new WeakMap(), methodRoutes: new WeakMap(), routeVersions: new WeakMap(), nestApps: new WeakMap(), routerModulePaths: new WeakMap() }),
);

/** This analysis's NestJS metadata. */
export function nestMetadata(ctx: Pick<ExtractorContext, "runState">): NestMetadata {
  return ctx.runState(NEST_METADATA);
}

/** The tag of `@nestjs/common` and the prefix of its exports' tags. */
export const COMMON = "nestjs.common";
/** The tag of a decorator made by one of `@nestjs/common`'s factories (`Get("x")`). */
const DECORATOR = "nestjs.decorator";
/** The tag of `VersioningType`; `VersioningType.URI` is tagged `${VERSIONING_TYPE}.URI`. */
export const VERSIONING_TYPE = "nestjs.common.VersioningType";
/** The tag of `VERSION_NEUTRAL`. */
export const VERSION_NEUTRAL = "nestjs.common.VERSION_NEUTRAL";
/** The tag of `forwardRef(() => X)`. */
export const FORWARD_REF = "nestjs.forwardRef";
/** The tag of Nest application objects. */
export const NEST_APP = "nestjs.app";

/** The value of `Factory(...args)` for a decorator factory of `@nestjs/common`. */
export function decoratorValue(factory: string, args: readonly Value[]): Value {
  return special(DECORATOR, { factory: { kind: "string", value: factory }, args: { kind: "array", items: args } });
}

/** The decorators a value applies: one made by a factory, or the ones `applyDecorators(...)` composes. */
export function appliedDecorators(value: Value): { readonly factory: string; readonly args: readonly Value[] }[] {
  if (value.kind !== "special" || value.tag !== DECORATOR) return [];
  const factory = value.data?.["factory"];
  const args = value.data?.["args"];
  if (factory?.kind !== "string" || args?.kind !== "array") return [];
  if (factory.value === "applyDecorators") return args.items.flatMap(appliedDecorators);
  return [{ factory: factory.value, args: args.items }];
}

/** The object standing for a class's instances, which identifies the class. */
export function classIdentity(value: Value): ObjectRef | undefined {
  return value.kind === "class" ? value.instance : undefined;
}

/**
 * The raw paths of a decorator argument: none → `/`; a string; an array of strings; for
 * `@Controller({ path })`, the object's `path` (none → `/`). Undefined when they are not known.
 */
export function rawPaths(argument: Value | undefined, allowOptions: boolean): string[] | undefined {
  if (argument === undefined) return ["/"];
  if (argument.kind === "string") return [argument.value];
  if (argument.kind === "array") {
    const strings = argument.items.flatMap((item) => (item.kind === "string" ? [item.value] : []));
    return strings.length === argument.items.length && strings.length > 0 ? strings : undefined;
  }
  if (allowOptions && argument.kind === "object" && !argument.ref.getters.has("path")) {
    const path = argument.ref.props.get("path");
    return path === undefined ? ["/"] : rawPaths(path, false);
  }
  return undefined;
}
