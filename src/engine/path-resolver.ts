import { JSONPath } from "jsonpath-plus";

// `$` and dotted property names: the paths klotho's rules use (`$.capability`, `$.environment.kind`).
const DOTTED_PATH = /^\$(?:\.[A-Za-z_$][\w$]*)*$/;

/**
 * json-rules-engine's `pathResolver`: the value at a condition's or fact reference's `path` in a fact's
 * value. A dotted path is read property by property, own properties only, as JSONPath reads it (an
 * absent one is undefined; `length` of a string or an array is its length); any other path
 * (filters, wildcards, brackets) goes to JSONPath as json-rules-engine's default resolver sends it.
 * The engine calls it only with an object.
 */
export function resolvePath(value: object, path: string): unknown {
  if (!DOTTED_PATH.test(path)) return JSONPath<unknown>({ path, json: value, wrap: false });
  let current: unknown = value;
  for (const key of path.split(".").slice(1)) {
    if (current === null || current === undefined) return undefined;
    const holder = Object(current) as Record<string, unknown>;
    if (!Object.hasOwn(holder, key)) return undefined;
    current = holder[key];
  }
  return current;
}
