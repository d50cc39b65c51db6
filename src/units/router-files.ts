import type { Fact } from "../facts/index.js";
import type { SourceProgram } from "../parse/source-program.js";
import type { Exposure } from "./exposure.js";
import { exportsOnlyRouters, type CreatedRouter } from "./router-exports.js";
import { runsOnlyRouting } from "./router-top-level.js";

/**
 * The unowned files holding Express or Koa routers whose routes one unit serves, with that unit: in
 * another unit's copy of the gateway's app file they are stood in and their mounts dropped, as an
 * annotated unit's routers are (importClosure), so an annotated unit no longer carries and loads every
 * router of `main`. A file qualifies only when nothing in it can touch another unit's requests:
 * - every route declared in it, or reached through a router or mount in it, is served by that one unit;
 * - it creates no app and is no exposed app's file;
 * - no `use()` of middleware, static files or a handler klotho cannot see into is written in it, and no
 *   middleware function registered anywhere is written in it: Express runs a router's middleware for
 *   every request passing through its mount, also those its routes do not answer; nor a route at a
 *   path with a parameter or wildcard whose handlers may pass requests on (`router.all("*", auth)`);
 * - its routers are Express or Koa ones (a NestJS module or a Fastify plugin carries more than routes);
 * - it exports its routers and nothing else (router-exports.ts): a helper exported beside them
 *   (`requireAuth`, a path constant) may be used by any unit's code;
 * - its top level does nothing but make its routers (router-top-level.ts): a call such as
 *   `mongoose.model("User", schema)` or a helper set on its router (`router.requireAuth = fn`) is
 *   something another unit's code may rely on, which a stand-in would not do.
 */
export function routerFileUnits(exposures: readonly Exposure[], facts: readonly Fact[], ownedBy: (file: string) => string | undefined, program: Pick<SourceProgram, "get">): Map<string, string> {
  const serving = new Map<string, Set<string>>();
  const routerFiles = new Set<string>();
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
      else excluded.add(router.file);
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
  const result = new Map<string, string>();
  for (const file of routerFiles) {
    const [unit, ...others] = serving.get(file) ?? [];
    if (unit === undefined || others.length > 0 || excluded.has(file) || ownedBy(file) !== undefined) continue;
    const routers = created.get(file) ?? [];
    if (exportsOnlyRouters(file, program, routers) && runsOnlyRouting(file, program, routers)) result.set(file, unit);
  }
  return result;
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
