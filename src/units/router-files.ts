import type { Fact } from "../facts/index.js";
import type { SourceProgram } from "../parse/source-program.js";
import type { Exposure } from "./exposure.js";
import { exportsOnlyRouters, type CreatedRouter } from "./router-exports.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import { createRegistrationCheck } from "./nest-controller-uses.js";
import { runsOnlyRouting } from "./router-top-level.js";
import { pushTo } from "../util/lists.js";

/**
 * The unowned files holding Express or Koa routers, or NestJS controllers, whose routes one unit
 * serves, with that unit: in another unit's copy of the gateway's app file they are stood in and their
 * mounts dropped, as an annotated unit's routers are (importClosure), and its copy of a NestJS module
 * leaves such a controller out of its lists; so an annotated unit no longer carries and loads every
 * router or controller of `main`. A file qualifies only when nothing in it can touch another unit's requests:
 * - every route declared in it, or reached through a router or mount in it, is served by that one unit;
 * - it creates no app and is no exposed app's file;
 * - no `use()` of middleware, static files or a handler klotho cannot see into is written in it, and no
 *   middleware function registered anywhere is written in it: Express runs a router's middleware for
 *   every request passing through its mount, also those its routes do not answer; nor a route at a
 *   path with a parameter or wildcard whose handlers may pass requests on (`router.all("*", auth)`);
 * - its routers are Express or Koa ones, or NestJS controllers (a NestJS module or a Fastify plugin
 *   carries more than routes) whose making does nothing but what their routes need (routesOnly in
 *   router-top-level.ts: no base class, constructor work or lifecycle hook, only route decorators) and
 *   which the files importing them only list in `controllers` or name in `forRoutes` (createRegistrationCheck in
 *   nest-controller-uses.ts): a unit without the file leaves them out of both;
 * - it exports its routers and nothing else (router-exports.ts): a helper exported beside them
 *   (`requireAuth`, a path constant) may be used by any unit's code;
 * - its top level does nothing but make its routers (router-top-level.ts): a call such as
 *   `mongoose.model("User", schema)` or a helper set on its router (`router.requireAuth = fn`) is
 *   something another unit's code may rely on, which a stand-in would not do.
 */
export function routerFileUnits(exposures: readonly Exposure[], facts: readonly Fact[], ownedBy: (file: string) => string | undefined, program: Pick<SourceProgram, "get">, nest: ControllerImports): Map<string, string> {
  const serving = new Map<string, Set<string>>();
  const routerFiles = new Set<string>();
  // NestJS controllers by file (class names).
  const controllers = new Map<string, string[]>();
  const excluded = new Set<string>();
  for (const exposure of exposures) {
    for (const file of exposure.appFiles) excluded.add(file);
    for (const route of exposure.served) {
      for (const file of [route.file, ...route.through, ...route.ownerChain]) {
        const units = serving.get(file) ?? new Set<string>();
        serving.set(file, units.add(route.unit));
      }
    }
    for (const router of exposure.walk.flatMap((walk) => walk.routers)) {
      if (router.framework === "express" || router.framework === "koa") routerFiles.add(router.file);
      else if (router.framework === "nestjs" && router.name !== undefined) {
        routerFiles.add(router.file);
        pushTo(controllers, router.file, router.name);
      } else excluded.add(router.file);
    }
  }
  for (const fact of facts) {
    // `router.all("*", requireAuth)`: a route that may pass requests on at a path with a parameter or
    // wildcard guards every request its path matches, also those of routers mounted after it.
    if (fact.kind === "http_route" && fact.passes === true && /[:*(]/.test(fact.path)) excluded.add(fact.range.file);
    else if (fact.kind === "http_middleware") excluded.add(fact.file).add(fact.range.file);
    else if (fact.kind === "http_static" || fact.kind === "http_app" || (fact.kind === "http_mount" && fact.child === undefined)) excluded.add(fact.range.file);
  }
  const created = createdRouters(facts);
  const registeredOnly = createRegistrationCheck(program, nest.resolve);
  const result = new Map<string, string>();
  for (const file of routerFiles) {
    const [unit, ...others] = serving.get(file) ?? [];
    if (unit === undefined || others.length > 0 || excluded.has(file) || ownedBy(file) !== undefined) continue;
    const routers = created.get(file) ?? [];
    const classes = new Set(controllers.get(file));
    if (!exportsOnlyRouters(file, program, routers, classes) || !runsOnlyRouting(file, program, routers, classes)) continue;
    if (classes.size === 0 || registeredOnly(file, nest.importers(file))) result.set(file, unit);
  }
  return result;
}

/** What finds the files importing a NestJS controller's file, and how they name it. */
export interface ControllerImports {
  /** The files a unit may run that import `file`. */
  readonly importers: (file: string) => readonly string[];
  readonly resolve: ImportResolver;
}

/** The routers each file creates (http_router facts), for exportsOnlyRouters. */
function createdRouters(facts: readonly Fact[]): Map<string, CreatedRouter[]> {
  const byFile = new Map<string, CreatedRouter[]>();
  for (const fact of facts) {
    if (fact.kind !== "http_router") continue;
    const routers = byFile.get(fact.range.file) ?? [];
    routers.push({ ...(fact.name !== undefined ? { name: fact.name } : {}), start: fact.range.start.offset, end: fact.range.end.offset });
    byFile.set(fact.range.file, routers);
  }
  return byFile;
}
