import { isRecord } from "./records.js";

/**
 * The target `exports` gives for `subpath` (`.` or `./x`), as Node finds it: a string, conditions or
 * a list is the `.` export alone; an object of `./` keys maps subpaths, exactly or by the pattern
 * with one `*` whose prefix is longest (`"./*": "./src/*.ts"`), its `*` replaced in the target.
 */
export function exportTarget(exported: unknown, subpath: string, conditions: ReadonlySet<string>): string | undefined {
  const subpaths = isRecord(exported) && Object.keys(exported).some((key) => key.startsWith("."));
  if (!subpaths) return subpath === "." ? (conditionTarget(exported, conditions) ?? undefined) : undefined;
  if (Object.hasOwn(exported, subpath) && !subpath.includes("*")) return conditionTarget(exported[subpath], conditions) ?? undefined;
  let best: { key: string; prefix: number; match: string } | undefined;
  for (const key of Object.keys(exported)) {
    const star = key.indexOf("*");
    if (star < 0 || key.indexOf("*", star + 1) >= 0) continue;
    const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
    if (!subpath.startsWith(prefix) || subpath === prefix || !subpath.endsWith(suffix) || subpath.length < key.length) continue;
    if (best && (best.prefix > prefix.length || (best.prefix === prefix.length && best.key.length >= key.length))) continue;
    best = { key, prefix: prefix.length, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
  }
  if (!best) return undefined;
  const match = best.match;
  return conditionTarget(exported[best.key], conditions)?.replaceAll("*", match);
}

/**
 * The target for the active `conditions`, as Node walks it: an object's keys in their written order,
 * the first that is `default` or active and leads somewhere; a list's first item that leads somewhere.
 * `null` is a target excluded on purpose, which ends the search; undefined when nothing matches.
 */
function conditionTarget(target: unknown, conditions: ReadonlySet<string>): string | null | undefined {
  if (typeof target === "string" || target === null) return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditionTarget(item, conditions);
      if (typeof found === "string") return found;
    }
    return undefined;
  }
  if (!isRecord(target)) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (condition !== "default" && !conditions.has(condition)) continue;
    const found = conditionTarget(value, conditions);
    if (found !== undefined) return found;
  }
  return undefined;
}
