import { madeOf, type Value } from "./values.js";

/** The methods of a known string computed over known string arguments, as the code that names a module after a file uses them. */
const METHODS: Readonly<Record<string, (text: string, args: readonly string[]) => string | string[] | undefined>> = {
  replace: (text, [pattern, replacement]) => (pattern === undefined || replacement === undefined ? undefined : text.replace(pattern, replacement)),
  replaceAll: (text, [pattern, replacement]) => (pattern === undefined || replacement === undefined ? undefined : text.replaceAll(pattern, replacement)),
  split: (text, args) => (args.length === 1 && args[0] !== undefined ? text.split(args[0]) : undefined),
  toLowerCase: (text, args) => (args.length === 0 ? text.toLowerCase() : undefined),
  toUpperCase: (text, args) => (args.length === 0 ? text.toUpperCase() : undefined),
  trim: (text, args) => (args.length === 0 ? text.trim() : undefined),
};

/**
 * `text.method(...args)` for a known string and known string arguments (`file.replace(".js", "")`,
 * `file.split(".")[0]`): a string, or an array of strings for `split`; undefined for any other call.
 */
export function callStringMethod(object: Value, method: string, args: readonly Value[]): Value | undefined {
  const compute = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (object.kind !== "string" || compute === undefined) return undefined;
  const strings: string[] = [];
  for (const arg of args) {
    if (arg.kind !== "string") return undefined;
    strings.push(arg.value);
  }
  const result = compute(object.value, strings);
  if (result === undefined) return undefined;
  const parts = [object, ...args];
  if (typeof result === "string") return madeOf({ kind: "string", value: result }, parts);
  return { kind: "array", items: result.map((value) => madeOf({ kind: "string", value }, parts)) };
}
