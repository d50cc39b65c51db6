import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { exportTarget } from "../util/package-exports.js";
import { isRecord } from "../util/records.js";

/** The `exports` conditions TypeScript matches when it looks an extended tsconfig up in a package (with `default`). */
const CONFIG_CONDITIONS: ReadonlySet<string> = new Set(["require", "types", "node"]);

/**
 * The file an `extends` value of `configFile` names, found as TypeScript finds it: a path (`./base`,
 * `../tsconfig.base.json`, an absolute one), `.json` added when the file without it does not exist; any
 * other value is a package in the `node_modules` folder of the config's folder or of one above it
 * (see configInPackage). Undefined when there is no such file.
 */
export function extendedConfigPath(value: string, configFile: string): string | undefined {
  const specifier = value.replaceAll("\\", "/");
  const dir = path.dirname(configFile);
  if (path.isAbsolute(specifier) || specifier.startsWith("./") || specifier.startsWith("../")) {
    const target = path.resolve(dir, specifier);
    return isFile(target) ? target : withJson(target);
  }
  if (specifier === "") return undefined;
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameLength).join("/");
  const subpath = parts.slice(nameLength).join("/");
  for (let from = dir; ; from = path.dirname(from)) {
    const packageDir = path.join(from, "node_modules", name);
    const found = isDirectory(packageDir) ? configInPackage(packageDir, subpath) : undefined;
    if (found !== undefined || path.dirname(from) === from) return found;
  }
}

/**
 * The tsconfig file a `references` entry's `path` names, as `tsc -b` reads it: a `.json` file, or
 * the `tsconfig.json` of a folder. Undefined when there is no such file.
 */
export function referencedConfigPath(value: string, configFile: string): string | undefined {
  const target = path.resolve(path.dirname(configFile), value.replaceAll("\\", "/"));
  const file = target.endsWith(".json") ? target : path.join(target, "tsconfig.json");
  return isFile(file) ? file : undefined;
}

/**
 * The tsconfig a package gives for `subpath` ("" for its bare name): with `exports`, its target for the
 * subpath and nothing else; else for the bare name its package.json `tsconfig` field or its
 * `tsconfig.json`, for a subpath that file, with `.json` added, or that folder's `tsconfig.json`.
 */
function configInPackage(packageDir: string, subpath: string): string | undefined {
  const manifest = readManifest(path.join(packageDir, "package.json"));
  if (manifest?.["exports"] !== undefined) {
    const target = exportTarget(manifest["exports"], subpath === "" ? "." : `./${subpath}`, CONFIG_CONDITIONS);
    return target !== undefined && isFile(path.resolve(packageDir, target)) ? path.resolve(packageDir, target) : undefined;
  }
  const field = manifest?.["tsconfig"];
  const named = subpath === "" ? (typeof field === "string" ? field : undefined) : subpath;
  const target = named === undefined ? undefined : path.resolve(packageDir, named);
  const file = target === undefined ? undefined : isFile(target) ? target : withJson(target);
  if (file !== undefined) return file;
  const inFolder = path.join(subpath === "" ? packageDir : path.join(packageDir, subpath), "tsconfig.json");
  return isFile(inFolder) ? inFolder : undefined;
}

/** `target.json` when `target` does not end in `.json` and that file exists. */
function withJson(target: string): string | undefined {
  return !target.endsWith(".json") && isFile(`${target}.json`) ? `${target}.json` : undefined;
}

/** A package's package.json as an object, or nothing when it is missing or not JSON. */
function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
