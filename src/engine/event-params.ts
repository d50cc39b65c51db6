import type { HttpMethod } from "../facts/fact.js";
import type { PlanRoute } from "./decision.js";

/** Kinds: lower-case words joined by underscores (`exec_unit`, `persist_kv`). */
const KIND = /^[a-z][a-z0-9_]*$/;
/** Names follow annotation ids: 1-64 characters of letters, digits and `_ . : / -`. */
const NAME = /^[A-Za-z0-9_.:/-]{1,64}$/;
const TYPE = /^[a-z][a-z0-9_]*$/;
const METHODS: readonly string[] = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"];

/** A parsed parameter, or why it is unusable. */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };

/** The string parameter `key`, when it is a non-empty string. */
export function textParam(params: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The kind and name of an add-resource event; the name falls back to `defaultName`. */
export function resourceParams(params: Readonly<Record<string, unknown>>, defaultName: string): Parsed<{ kind: string; name: string }> {
  const kind = textParam(params, "kind");
  const name = textParam(params, "name") ?? defaultName;
  if (kind === undefined || !KIND.test(kind)) return { problem: `add-resource needs a kind like exec_unit, got ${JSON.stringify(params["kind"])}` };
  if (!NAME.test(name)) return { problem: `resource name ${JSON.stringify(name)} must be 1-64 characters of letters, digits and _ . : / -` };
  return { value: { kind, name } };
}

/** The resource id at one end of an add-edge event: `<kind>:<name>`, or the name prefixed with `<end>Kind`. */
export function edgeEnd(params: Readonly<Record<string, unknown>>, end: "source" | "target"): Parsed<string> {
  const value = textParam(params, end);
  const kind = textParam(params, `${end}Kind`);
  const id = value !== undefined && kind !== undefined ? `${kind}:${value}` : value;
  const [prefix = "", ...rest] = (id ?? "").split(":");
  if (id === undefined || !KIND.test(prefix) || !NAME.test(rest.join(":"))) {
    return { problem: `the edge ${end} must be a resource id <kind>:<name>, got ${JSON.stringify(params[end])}` };
  }
  return { value: id };
}

/** The type of a set-type event. */
export function typeParam(params: Readonly<Record<string, unknown>>): Parsed<string> {
  const type = textParam(params, "type");
  return type !== undefined && TYPE.test(type) ? { value: type } : { problem: `set-type needs a type name, got ${JSON.stringify(params["type"])}` };
}

/** The parameters of a set-params event. */
export function paramsParam(params: Readonly<Record<string, unknown>>): Parsed<Record<string, unknown>> {
  const value = params["params"];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { problem: "set-params needs an object of params" };
  return { value: { ...value } };
}

/** The routes of an add-routes event; a route without a unit gets `unit`. */
export function routesParam(params: Readonly<Record<string, unknown>>, unit: string): Parsed<PlanRoute[]> {
  const routes = params["routes"];
  if (!Array.isArray(routes)) return { problem: `add-routes needs a list of routes, got ${JSON.stringify(routes)}` };
  const parsed: PlanRoute[] = [];
  for (const route of routes) {
    const one = toRoute(route, unit);
    if (!one) return { problem: `invalid route ${JSON.stringify(route)}: it needs a method (GET, ..., ANY) and a path starting with /` };
    parsed.push(one);
  }
  return { value: parsed };
}

function toRoute(route: unknown, defaultUnit: string): PlanRoute | undefined {
  if (route === null || typeof route !== "object") return undefined;
  const fields = new Map<string, unknown>(Object.entries(route));
  const method = fields.get("method");
  const path = fields.get("path");
  if (!isMethod(method) || typeof path !== "string" || !path.startsWith("/")) return undefined;
  const unit = fields.get("unit");
  const file = fields.get("file");
  const line = fields.get("line");
  return {
    method,
    path,
    unit: typeof unit === "string" && unit !== "" ? unit : defaultUnit,
    ...(typeof file === "string" ? { file } : {}),
    ...(typeof line === "number" ? { line } : {}),
  };
}

function isMethod(value: unknown): value is HttpMethod {
  return typeof value === "string" && METHODS.includes(value);
}
