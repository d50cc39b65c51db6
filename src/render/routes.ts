import type { PlanRoute } from "../plan/index.js";
import { compareStrings } from "../util/compare.js";

/**
 * Express routes as API Gateway paths. A segment is a literal (letters, digits, `.`, `_`, `-`),
 * a parameter `{p}` (`:p`), or a greedy parameter `{p+}` (`:p*`, `:p+`, `:proxy*`, `:rest*`) at
 * the end. A route API Gateway cannot write (`/files/:name.:ext`, `/caf\u00e9`, a wildcard in the
 * middle) is widened to a greedy parameter from that segment on: API Gateway then sends a
 * superset of its requests to the unit, whose Express app matches the exact path as it does
 * locally. API Gateway allows one parameter per level, so parameters that are siblings share a
 * name (a greedy one absorbs the others); Express reads the parameters from the path itself.
 */

/** One route of the API as the gateway declares it. */
export interface GatewayRoute {
  readonly method: string;
  /** The API Gateway path: `/`, `/pugs/{name}`, `/{proxy+}`. */
  readonly path: string;
  readonly segments: readonly GatewaySegment[];
  /** The execution unit serving it. */
  readonly unit: string;
  /** The plan routes it serves (several when they widen or merge into one). */
  readonly sources: readonly PlanRoute[];
}

/** A path segment: a literal, `{name}` or `{name+}`. */
export interface GatewaySegment {
  readonly text: string;
  readonly parameter?: string;
  readonly greedy?: boolean;
}

/** A plan route widened because API Gateway cannot write its path. */
export interface WidenedRoute {
  readonly route: PlanRoute;
  readonly path: string;
  /** True when API Gateway could write the route but a sibling's greedy parameter took its level. */
  readonly absorbed: boolean;
}

/** Two routes for the same method and gateway path served by different units. */
export interface RouteConflict {
  readonly method: string;
  readonly path: string;
  readonly units: readonly string[];
}

/** The gateway's routes, the ones widened, and conflicts. */
export interface GatewayRoutes {
  readonly routes: readonly GatewayRoute[];
  readonly widened: readonly WidenedRoute[];
  readonly conflicts: readonly RouteConflict[];
}

/** A segment before sibling parameters are merged. */
type RawSegment = { kind: "literal"; text: string } | { kind: "param"; name: string; greedy: boolean };

const LITERAL = /^[A-Za-z0-9._-]+$/;
const PARAM = /^:([A-Za-z0-9_]+)$/;
const GREEDY = /^:([A-Za-z0-9_]+)[*+]$/;
const OPTIONAL = /^:([A-Za-z0-9_]+)\?$/;
/** `:id(\d+)`: a parameter with its own pattern (Express 4), one group without groups inside. */
const PATTERN_PARAM = /^:([A-Za-z0-9_]+)\(([^()]+)\)$/;

/**
 * Whether a parameter's pattern only matches within one segment: built of literal characters,
 * `\d`, `\w`, escaped punctuation and classes that name what they match, never `.`, `/`, a negated
 * class or `\D`, `\W`, `\S`, `\s`, and no `*` (Express 4 reads every unescaped `*` as `(.*)`, even
 * in a pattern). Then API Gateway's `{id}` sends a superset of what it matches, which the unit's app
 * narrows to the pattern.
 */
function staysInSegment(pattern: string): boolean {
  const unescaped = pattern.replace(/\\[dw.\-_+*?|^$]/g, "");
  return !/[./\\*]|\[\^/.test(unescaped);
}

/** The API Gateway routes for a gateway's plan routes. */
export function gatewayRoutes(planRoutes: readonly PlanRoute[]): GatewayRoutes {
  const widened: WidenedRoute[] = [];
  const expanded = planRoutes.flatMap((route) => expandRoute(route).map((e) => ({ route, ...e })));
  const tree = buildTree(expanded.map((e) => e.segments));
  const byKey = new Map<string, { method: string; segments: GatewaySegment[]; units: Set<string>; sources: PlanRoute[] }>();
  for (const { route, segments, widened: changed } of expanded) {
    const resolved = resolvePath(tree, segments);
    const path = pathOf(resolved);
    const absorbed = resolved.length !== segments.length || (resolved.at(-1)?.greedy === true) !== isGreedy(segments.at(-1));
    if ((changed || absorbed) && !widened.some((w) => w.route === route && w.path === path)) widened.push({ route, path, absorbed: !changed });
    const key = `${route.method} ${path}`;
    const entry = byKey.get(key) ?? { method: route.method, segments: resolved, units: new Set<string>(), sources: [] };
    entry.units.add(route.unit);
    if (!entry.sources.includes(route)) entry.sources.push(route);
    byKey.set(key, entry);
  }
  const routes: GatewayRoute[] = [];
  const conflicts: RouteConflict[] = [];
  for (const entry of byKey.values()) {
    const units = [...entry.units].sort(compareStrings);
    const path = pathOf(entry.segments);
    if (units.length > 1 && !isPreflight(entry)) conflicts.push({ method: entry.method, path, units });
    routes.push({ method: entry.method, path, segments: entry.segments, unit: units[0] ?? "", sources: entry.sources });
  }
  // Express, Koa, Fastify and NestJS answer HEAD with a GET route (its headers, no body); API
  // Gateway refuses a method it does not declare, so a GET route brings its HEAD (uptime checks, `curl -I`).
  for (const route of [...routes]) {
    if (route.method === "GET" && !byKey.has(`HEAD ${route.path}`) && !byKey.has(`ANY ${route.path}`)) routes.push({ ...route, method: "HEAD" });
  }
  routes.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.method, b.method));
  return { routes, widened, conflicts };
}

/**
 * `OPTIONS` routes that all come from one place, the app's CORS middleware (`app.use(cors())`, units/preflight.ts):
 * paths API Gateway merges (`/users/:id` and `/users/:userId`) send the preflight to several units, and
 * every unit runs the middleware, so any of them answers it as the others would.
 */
function isPreflight(entry: { method: string; sources: readonly PlanRoute[] }): boolean {
  const [first, ...others] = entry.sources;
  return entry.method === "OPTIONS" && first?.file !== undefined && others.every((source) => source.file === first.file && source.line === first.line);
}

function isGreedy(segment: RawSegment | undefined): boolean {
  return segment?.kind === "param" && segment.greedy;
}

/** The API Gateway path of segments: `/a/{b}`; `/` for none. */
export function pathOf(segments: readonly GatewaySegment[]): string {
  return `/${segments.map((s) => s.text).join("/")}`;
}

/**
 * The segment lists a route stands for: an optional last parameter gives two (without it, with
 * it); a segment API Gateway cannot write becomes a greedy parameter that ends the path (widened).
 */
function expandRoute(route: PlanRoute): { segments: RawSegment[]; widened: boolean }[] {
  const parts = route.path.split("/").filter((s) => s !== "");
  const segments: RawSegment[] = [];
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const param = PARAM.exec(part)?.[1];
    const greedy = GREEDY.exec(part)?.[1];
    const optional = OPTIONAL.exec(part)?.[1];
    const patterned = PATTERN_PARAM.exec(part);
    if (LITERAL.test(part)) segments.push({ kind: "literal", text: part });
    else if (param !== undefined) segments.push({ kind: "param", name: param, greedy: false });
    else if (patterned?.[1] !== undefined && staysInSegment(patterned[2] ?? ".")) segments.push({ kind: "param", name: patterned[1], greedy: false });
    else if (greedy !== undefined && last) segments.push({ kind: "param", name: greedy, greedy: true });
    else if (optional !== undefined && last) {
      return [
        { segments: [...segments], widened: false },
        { segments: [...segments, { kind: "param", name: optional, greedy: false }], widened: false },
      ];
    } else return [{ segments: [...segments, { kind: "param", name: unusedName(segments), greedy: true }], widened: true }];
  }
  return [{ segments, widened: false }];
}

function unusedName(segments: readonly RawSegment[]): string {
  const taken = new Set(segments.flatMap((s) => (s.kind === "param" ? [s.name] : [])));
  let name = "proxy";
  for (let n = 2; taken.has(name); n++) name = `proxy${n}`;
  return name;
}

/** A level of the path tree: literal children, and at most one parameter child after merging. */
interface TreeNode {
  readonly literals: Map<string, TreeNode>;
  param?: { name: string; greedy: boolean; node: TreeNode };
  /** Names of the parameters above this node, to keep names unique along a path. */
  readonly above: ReadonlySet<string>;
}

function buildTree(paths: readonly RawSegment[][]): TreeNode {
  const root: TreeNode = { literals: new Map(), above: new Set() };
  // Greedy parameters first, then by name, so merged names are stable whatever the route order.
  const ordered = [...paths].sort((a, b) => compareStrings(sortKey(a), sortKey(b)));
  for (const segments of ordered) {
    let node = root;
    for (const segment of segments) {
      if (segment.kind === "literal") {
        const next = node.literals.get(segment.text) ?? { literals: new Map(), above: node.above };
        node.literals.set(segment.text, next);
        node = next;
        continue;
      }
      if (!node.param) {
        let name = segment.name;
        for (let n = 2; node.above.has(name); n++) name = `${segment.name}${n}`;
        node.param = { name, greedy: segment.greedy, node: { literals: new Map(), above: new Set([...node.above, name]) } };
      }
      if (node.param.greedy) break;
      node = node.param.node;
    }
  }
  return root;
}

/** Orders paths so that, level by level, a greedy parameter comes before a plain one (names only break ties). */
function sortKey(segments: readonly RawSegment[]): string {
  const shape = segments.map((s) => (s.kind === "literal" ? `1${s.text}` : s.greedy ? "00" : "01")).join("/");
  const names = segments.map((s) => (s.kind === "param" ? s.name : "")).join("/");
  return `${shape}\u0000${names}`;
}

/** The gateway segments of a route in the merged tree: parameters take their level's name; a greedy level ends the path. */
function resolvePath(root: TreeNode, segments: readonly RawSegment[]): GatewaySegment[] {
  const out: GatewaySegment[] = [];
  let node = root;
  for (const segment of segments) {
    const literal = segment.kind === "literal" ? node.literals.get(segment.text) : undefined;
    if (segment.kind === "literal" && literal) {
      out.push({ text: segment.text });
      node = literal;
      continue;
    }
    const param = node.param;
    if (!param) throw new Error("internal: route tree lacks a parameter level");
    out.push({ text: param.greedy ? `{${param.name}+}` : `{${param.name}}`, parameter: param.name, greedy: param.greedy });
    if (param.greedy) break;
    node = param.node;
  }
  return out;
}
