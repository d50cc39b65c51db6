import type { Fact, FactOf, HttpFramework, HttpMethod } from "../facts/index.js";
import type { SourceRange } from "../util/source-range.js";
import { joinPaths } from "../facts/http-paths.js";
import { pushTo } from "../util/lists.js";

/** A route as served by an app: full path (mount prefixes joined) and where it is written. */
export interface ServedRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly file: string;
  readonly line: number;
  readonly range: SourceRange;
  /** The file of the function answering it, when that is another file than `file` (http_route's `handler`). */
  readonly handler?: string;
  /** The other files whose functions handle it (http_route's `uses`): the unit serving it carries them. */
  readonly uses?: readonly string[];
  /** Calls in its handler handing the request to a function of another file it does not carry (http_route's `calls`). */
  readonly calls?: readonly { readonly file: string; readonly range: SourceRange }[];
  /** The catch-all added for a prefixed mount whose router could not be found. */
  readonly catchAll?: boolean;
  /** An `OPTIONS` route added for the app's CORS middleware, which answers browsers' preflight requests (preflight.ts). */
  readonly preflight?: true;
  /**
   * Files of the routers the route is reached through, from the app's mount down to the router it is
   * registered on (empty for the app's own routes): a unit serving the route needs them to mount it.
   */
  readonly through: readonly string[];
  /**
   * The files that decide which unit serves it, outermost first: the app's server files, then for each
   * mount the file it is written in (a NestJS module's `controllers` list, an `app.use`) and the
   * mounted router's file. The owner of the innermost one that a unit owns serves it.
   */
  readonly ownerChain: readonly string[];
}

/** A router met while walking an app's mounts, with the routes registered on it directly. */
export interface MountedRouter {
  readonly id: string;
  readonly framework: HttpFramework;
  readonly name: string;
  readonly file: string;
  readonly routeCount: number;
  /** The full path it is mounted at (the mount prefixes joined). */
  readonly prefix: string;
  /** Files of the routers it is mounted through, from the app's mount down to its own. */
  readonly through: readonly string[];
  /** As a route's: the files deciding which unit serves it, outermost first, down to its own. */
  readonly ownerChain: readonly string[];
}

/**
 * A mount klotho cannot walk, served with catch-all routes: a router whose import did not resolve, or a
 * handler (`handler` says which; `answers` when it surely answers rather than passing requests on).
 */
export interface UnresolvedMount {
  readonly prefix: string;
  readonly specifier: string;
  readonly handler?: string;
  readonly answers?: boolean;
  readonly range: SourceRange;
  readonly through: readonly string[];
  readonly ownerChain: readonly string[];
}

/** Everything an app serves, and what the walk met on the way. */
export interface AppRoutes {
  /** The app's variable name, for messages. */
  readonly appName: string;
  readonly routes: ServedRoute[];
  readonly routers: MountedRouter[];
  /** Routes registered directly on the app. */
  readonly ownRouteCount: number;
  readonly duplicates: ServedRoute[];
  readonly unresolvedMounts: UnresolvedMount[];
}

/** Indexes of the web framework facts, built once and shared by every app walk. */
export interface HttpIndex {
  readonly routesByOwner: ReadonlyMap<string, FactOf<"http_route">[]>;
  readonly mountsByParent: ReadonlyMap<string, FactOf<"http_mount">[]>;
  readonly objects: ReadonlyMap<string, FactOf<"http_app"> | FactOf<"http_router">>;
}

/** Groups route and mount facts by the object they are registered on. */
export function indexHttp(facts: readonly Fact[]): HttpIndex {
  const routesByOwner = new Map<string, FactOf<"http_route">[]>();
  const mountsByParent = new Map<string, FactOf<"http_mount">[]>();
  const objects = new Map<string, FactOf<"http_app"> | FactOf<"http_router">>();
  for (const fact of facts) {
    if (fact.kind === "http_route") pushTo(routesByOwner, fact.owner, fact);
    else if (fact.kind === "http_mount") pushTo(mountsByParent, fact.parent, fact);
    else if (fact.kind === "http_app" || fact.kind === "http_router") objects.set(fact.id, fact);
  }
  return { routesByOwner, mountsByParent, objects };
}


/**
 * Walks the mounts of `appId` to any depth and lists the routes it serves, first registration winning.
 * `listenFiles` start the app: with the app's own file they begin every owner chain, so a unit owning
 * its server serves what it mounts, unless a unit owns a file nearer the route.
 */
export function routesOfApp(appId: string, index: HttpIndex, listenFiles: readonly string[] = []): AppRoutes {
  const app = index.objects.get(appId);
  const appName = app?.name ?? "app";
  const serverFiles = [...new Set([...listenFiles, ...(app ? [app.range.file] : [])])];
  const result: AppRoutes = { appName, routes: [], routers: [], ownRouteCount: 0, duplicates: [], unresolvedMounts: [] };
  const unwalked: UnresolvedMount[] = [];
  const seen = new Set<string>();
  const filesOf = (path: readonly string[]): string[] => path.slice(1).flatMap((id) => index.objects.get(id)?.range.file ?? []);
  const visit = (ownerId: string, prefix: string, path: readonly string[], ownerChain: readonly string[]): void => {
    for (const route of index.routesByOwner.get(ownerId) ?? []) {
      const handler = route.handler !== undefined ? { handler: route.handler } : {};
      const uses = route.uses !== undefined ? { uses: route.uses } : {};
      const calls = route.calls !== undefined ? { calls: route.calls } : {};
      const served: ServedRoute = { method: route.method, path: joinPaths(prefix, route.path), file: route.range.file, line: route.range.start.line, range: route.range, ...handler, ...uses, ...calls, through: filesOf(path), ownerChain };
      const key = `${served.method} ${served.path}`;
      if (seen.has(key)) result.duplicates.push(served);
      else {
        seen.add(key);
        result.routes.push(served);
      }
    }
    for (const mount of index.mountsByParent.get(ownerId) ?? []) {
      const mountPrefix = joinPaths(prefix, mount.prefix);
      if (mount.child === undefined) {
        if (mount.prefix !== "/") {
          const handler = mount.handler !== undefined ? { handler: mount.handler, answers: mount.answers === true } : {};
          unwalked.push({ prefix: mountPrefix, specifier: mount.unresolved ?? "?", ...handler, range: mount.range, through: filesOf(path), ownerChain: [...ownerChain, mount.range.file] });
        }
        continue;
      }
      if (path.includes(mount.child)) continue;
      const child = index.objects.get(mount.child);
      const childChain = [...ownerChain, mount.range.file, ...(child ? [child.range.file] : [])];
      if (child) {
        const routeCount = index.routesByOwner.get(mount.child)?.length ?? 0;
        result.routers.push({ id: child.id, framework: child.framework, name: child.name ?? "router", file: child.range.file, routeCount, prefix: mountPrefix, through: filesOf([...path, mount.child]), ownerChain: childChain });
      }
      visit(mount.child, mountPrefix, [...path, mount.child], childChain);
    }
  };
  visit(appId, "/", [appId], serverFiles);
  const catchAlls = catchAllMounts(unwalked, result.routes);
  for (const mount of catchAlls) {
    for (const path of [mount.prefix, joinPaths(mount.prefix, "/:proxy*")]) {
      const key = `ANY ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.routes.push({ method: "ANY", path, file: mount.range.file, line: mount.range.start.line, range: mount.range, catchAll: true, through: mount.through, ownerChain: mount.ownerChain });
    }
  }
  return { ...result, unresolvedMounts: catchAlls, ownRouteCount: index.routesByOwner.get(appId)?.length ?? 0 };
}

/**
 * The mounts served with catch-all routes, one per prefix, named after the last mount there (the handler
 * after the middleware: `use("/graphql", cors())`, then graphqlHTTP). A handler that may be middleware
 * (`use("/api", cors())`) guards the routes of its prefix when there are some: it gets no catch-all,
 * which would take their level from them.
 */
function catchAllMounts(mounts: readonly UnresolvedMount[], walked: readonly ServedRoute[]): UnresolvedMount[] {
  return mounts.filter(
    (mount, index) =>
      mounts.findLastIndex((other) => other.prefix === mount.prefix) === index && (mount.handler === undefined || mount.answers === true || !walked.some((route) => isAtOrBelow(route.path, mount.prefix))),
  );
}

/** Whether a route path is `prefix` or below it (`/api`, `/api/users`; not `/apis`). */
function isAtOrBelow(routePath: string, prefix: string): boolean {
  return routePath === prefix || routePath.startsWith(`${prefix}/`);
}
