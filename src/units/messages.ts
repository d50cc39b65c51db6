import type { Exposure } from "./exposure.js";
import type { MountedRouter } from "./app-routes.js";
import { MAIN_UNIT, nearestOwner } from "./ownership.js";
import type { Unit } from "./unit.js";
import { holdersByFile } from "../util/lists.js";

/**
 * The seed's progress lines about routes: `Found N route(s) on server 'app'`, `Found N route(s)
 * for middleware 'x' unit: u`, `No routes found for middleware 'x' unit: u`, `Not adding duplicate
 * route ...` and the catch-all for a prefixed mount that could not be followed.
 */
export function routeMessages(exposures: readonly Exposure[], units: readonly Unit[], ownedBy: (file: string) => string | undefined): string[] {
  const lines: string[] = [];
  const hasMain = units.some((u) => u.id === MAIN_UNIT);
  let holdingFile: Map<string, Unit[]> | undefined;
  const unitsHolding = (router: MountedRouter): string[] => {
    const owner = nearestOwner(router.ownerChain, ownedBy) ?? (hasMain ? MAIN_UNIT : undefined);
    if (owner !== undefined) return [owner];
    holdingFile ??= holdersByFile(units, (unit) => unit.files);
    return (holdingFile.get(router.file) ?? []).map((unit) => unit.id);
  };
  for (const exposure of exposures) {
    const preflights = exposure.served.filter((route) => route.preflight === true).length;
    if (preflights > 0) lines.push(`Adding ${preflights} OPTIONS route(s): the app's CORS middleware answers browsers' preflight requests`);
    exposure.walk.forEach((walk) => {
      if (walk.ownRouteCount > 0) lines.push(`Found ${walk.ownRouteCount} route(s) on server '${walk.appName}'`);
      const controllers = new Set<string>();
      for (const router of walk.routers) {
        if (router.framework === "nestjs") {
          // NestJS controllers, in the original klotho's words for them (a controller's unit is its file's);
          // a controller with several paths is mounted once per path but reported once.
          if (controllers.has(router.id)) continue;
          controllers.add(router.id);
          lines.push(router.routeCount > 0 ? `Found ${router.routeCount} route(s) for controller '${router.name}'` : `No routes found for controller '${router.name}'`);
          continue;
        }
        for (const unit of unitsHolding(router)) {
          lines.push(
            router.routeCount > 0
              ? `Found ${router.routeCount} route(s) for middleware '${router.name}' unit: ${unit}`
              : `No routes found for middleware '${router.name}' unit: ${unit}`,
          );
        }
      }
      for (const mount of walk.unresolvedMounts) {
        lines.push(
          mount.handler !== undefined
            ? `Adding catchall route for prefix '${mount.prefix}': the handler mounted there ('${mount.handler}') may answer any path below it`
            : `Adding catchall route for prefix '${mount.prefix}': the router mounted there ('${mount.specifier}') could not be found`,
        );
      }
      for (const duplicate of walk.duplicates) {
        lines.push(`Not adding duplicate route ${duplicate.method} ${duplicate.path} (${duplicate.file}:${duplicate.line})`);
      }
    });
  }
  return lines;
}
