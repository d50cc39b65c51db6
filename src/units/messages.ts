import path from "node:path";
import type { Annotation } from "../annotations/index.js";
import type { Project } from "../load/project.js";
import { toPosix } from "../util/paths.js";
import type { Exposure } from "./exposure.js";
import type { Unit } from "./unit.js";

/**
 * The implicit unit's entry points (DESIGN §4 rule 1): package.json `main` when it is a project
 * file, and every file with an `expose` annotation.
 */
export function entryPointsOfMain(project: Project, annotations: readonly Annotation[]): string[] {
  const entries = new Set<string>();
  const main = project.packageJson.data["main"];
  if (typeof main === "string") {
    const absolute = path.resolve(path.dirname(project.packageJson.path), main);
    const relative = toPosix(path.relative(project.root, absolute));
    const match = project.files.find((f) => f.path === relative || f.path.replace(/\.[^.]+$/, "") === relative.replace(/\.[^.]+$/, ""));
    if (match) entries.add(match.path);
  }
  for (const annotation of annotations) if (annotation.capability === "expose") entries.add(annotation.range.file);
  return [...entries].sort();
}

/**
 * The seed's progress lines about routes: `Found N route(s) on server 'app'`, `Found N route(s)
 * for middleware 'x' unit: u`, `No routes found for middleware 'x' unit: u`, `Not adding duplicate
 * route ...` and the catch-all for a prefixed mount that could not be followed.
 */
export function routeMessages(exposures: readonly Exposure[], units: readonly Unit[], ownedBy: (file: string) => string | undefined): string[] {
  const lines: string[] = [];
  const unitsHolding = (file: string): string[] => {
    const owner = ownedBy(file);
    if (owner !== undefined) return [owner];
    return units.filter((u) => u.files.includes(file)).map((u) => u.id);
  };
  for (const exposure of exposures) {
    exposure.walk.forEach((walk) => {
      if (walk.ownRouteCount > 0) lines.push(`Found ${walk.ownRouteCount} route(s) on server '${walk.appName}'`);
      for (const router of walk.routers) {
        for (const unit of unitsHolding(router.file)) {
          lines.push(
            router.routeCount > 0
              ? `Found ${router.routeCount} route(s) for middleware '${router.name}' unit: ${unit}`
              : `No routes found for middleware '${router.name}' unit: ${unit}`,
          );
        }
      }
      for (const mount of walk.unresolvedMounts) {
        lines.push(`Adding catchall route for prefix '${mount.prefix}': the router mounted there ('${mount.specifier}') could not be found`);
      }
      for (const duplicate of walk.duplicates) {
        lines.push(`Not adding duplicate route ${duplicate.method} ${duplicate.path} (${duplicate.file}:${duplicate.line})`);
      }
    });
  }
  return lines;
}
