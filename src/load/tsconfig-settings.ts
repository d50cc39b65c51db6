import { isRecord } from "../util/records.js";
import { extendedConfigPath } from "./tsconfig-paths.js";

/** A value of a tsconfig chain and the file that wrote it: a relative path in it resolves against that file's folder. */
export interface Setting {
  readonly value: unknown;
  readonly from: string;
}

/** Where a tsconfig names a file klotho cannot find: the file, the JSON path of the value, the value. */
export interface MissingConfig {
  readonly file: string;
  readonly at: readonly (string | number)[];
  readonly value: string;
}

/**
 * A tsconfig's settings once its `extends` are merged, as TypeScript merges them: the `compilerOptions`
 * klotho reads and the top-level `files`, `include` and `exclude`, each from the last file that sets it
 * (a base first, each base of a list in order, the file itself last). `references` are not inherited.
 */
export interface TsconfigSettings {
  readonly options: Partial<Record<string, Setting>>;
  readonly scope: Partial<Record<ScopeKey, Setting>>;
  /** The file's own `references`, as written. */
  readonly references?: unknown;
  /** The `extends` entries that name no file, in this file or its bases. */
  readonly missing: readonly MissingConfig[];
}

/** The top-level settings that say which files a tsconfig compiles. */
export type ScopeKey = "files" | "include" | "exclude";
const SCOPE_KEYS: readonly ScopeKey[] = ["files", "include", "exclude"];

/** Reads a JSON(C) file; throws JsonFileError (json-file.ts) for one that does not parse. */
export type JsoncReader = (file: string) => unknown;

/**
 * The settings of the tsconfig `file` (see TsconfigSettings), keeping the compiler options named in
 * `optionKeys`; `ancestors` are the files that extend it, so a cycle of `extends` ends.
 */
export function readSettings(file: string, optionKeys: readonly string[], read: JsoncReader, ancestors: ReadonlySet<string> = new Set()): TsconfigSettings {
  const raw = read(file);
  const config = isRecord(raw) ? raw : {};
  const options: Partial<Record<string, Setting>> = {};
  const scope: Partial<Record<ScopeKey, Setting>> = {};
  const missing: MissingConfig[] = [];
  const chain = new Set([...ancestors, file]);
  for (const { value, at } of extendsEntries(config["extends"])) {
    const base = extendedConfigPath(value, file);
    if (base === undefined) missing.push({ file, at, value });
    if (base === undefined || chain.has(base)) continue;
    const inherited = readSettings(base, optionKeys, read, chain);
    Object.assign(options, inherited.options);
    Object.assign(scope, inherited.scope);
    missing.push(...inherited.missing);
  }
  const compilerOptions = isRecord(config["compilerOptions"]) ? config["compilerOptions"] : {};
  for (const key of optionKeys) if (compilerOptions[key] !== undefined) options[key] = { value: compilerOptions[key], from: file };
  for (const key of SCOPE_KEYS) if (config[key] !== undefined) scope[key] = { value: config[key], from: file };
  return { options, scope, missing, ...(config["references"] !== undefined ? { references: config["references"] } : {}) };
}

/** The strings of `extends` (one, or TypeScript 5's list), each with its JSON path in the file. */
function extendsEntries(value: unknown): { value: string; at: (string | number)[] }[] {
  if (typeof value === "string") return [{ value, at: ["extends"] }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown, index) => (typeof entry === "string" ? [{ value: entry, at: ["extends", index] }] : []));
}
