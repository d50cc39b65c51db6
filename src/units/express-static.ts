import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { joinPaths } from "../facts/http-paths.js";
import type { Fact, FactOf } from "../facts/index.js";
import type { Exposure } from "./exposure.js";

/** A route path ending in a wildcard parameter (`/:proxy*`, `/assets/:rest*`): its fixed part. */
const WILDCARD = /^(.*?)\/:[A-Za-z_$][\w$]*\*$/;

/**
 * What is still not deployed of the folders `express.static` serves (their files are copied into
 * the unit, see file-reads.ts): a folder klotho cannot compute is not copied; and the gateway
 * routes a static file only through a wildcard route covering its path (or the catch-all a gateway
 * with no detected routes gets), so a mount no such route covers is a warning at the `use()` call.
 */
export function staticFilesNotDeployed(facts: readonly Fact[], exposures: readonly Exposure[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const mount of facts.filter((f): f is FactOf<"http_static"> => f.kind === "http_static")) {
    const at = { range: mount.range };
    const server = mount.server ?? "express.static";
    if (mount.folder === undefined) diagnostics.push(createDiagnostic("express/static-folder-unknown", at, server));
    const unrouted = exposures.flatMap((exposure) => mountPaths(mount, exposure).filter((path) => !routed(path, exposure)));
    const first = unrouted[0];
    if (first !== undefined) diagnostics.push(createDiagnostic("express/static-files", at, first, server));
  }
  return diagnostics;
}

/** The full paths the static files are served under in an exposed app: its own mount, or through the routers it is mounted on. */
function mountPaths(mount: FactOf<"http_static">, exposure: Exposure): string[] {
  const bases = exposure.appIds.includes(mount.parent) ? ["/"] : [];
  for (const walk of exposure.walk) for (const router of walk.routers) if (router.id === mount.parent) bases.push(router.prefix);
  // `{ prefix: "/static/" }` serves the same paths as `/static`.
  return [...new Set(bases.map((base) => joinPaths(base, mount.prefix).replace(/(.)\/+$/, "$1")))];
}

/** True when a request for a file under `path` reaches the app: the gateway forwards everything, or a wildcard route covers it. */
function routed(path: string, exposure: Exposure): boolean {
  if (exposure.served.length === 0) return true;
  return exposure.served.some((route) => {
    const fixed = WILDCARD.exec(route.path)?.[1];
    if (fixed === undefined || !["GET", "ANY"].includes(route.method)) return false;
    return fixed === "" || path === fixed || path.startsWith(`${fixed}/`);
  });
}
