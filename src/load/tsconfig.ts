import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath, escapeGlob, toPosix } from "../util/paths.js";
import { isRecord } from "../util/records.js";
import { invalidJsonDiagnostic, locateInJsonc, readJsoncFile } from "./json-file.js";
import { referencedConfigPath } from "./tsconfig-paths.js";
import { readSettings, type JsoncReader, type MissingConfig, type Setting, type TsconfigSettings } from "./tsconfig-settings.js";

/** The parts of a tsconfig klotho uses: module resolution, the output folder, the emit options and which files it compiles. */
export interface TsconfigInfo {
  /** Absolute path of the tsconfig read. */
  readonly file: string;
  /** Absolute baseUrl, when set. */
  readonly baseUrl?: string;
  /** `paths` mappings; targets are absolute patterns. */
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  /** Absolute outDir, whose files are left out of the project so compiled copies are not analysed twice. */
  readonly outDir?: string;
  /** The compiler options that change what a file's JavaScript is (EMIT_OPTIONS), as written in the tsconfig or its bases. */
  readonly emit?: Readonly<Record<string, unknown>>;
  /** `files`, absolute, when set. */
  readonly files?: readonly string[];
  /** `include`, as absolute POSIX globs (a folder stands for every file below it), when set. */
  readonly include?: readonly string[];
  /** `exclude`, as absolute POSIX globs like `include`, when set. */
  readonly exclude?: readonly string[];
  /** The tsconfig files `references` names (absolute; those that exist), in order. */
  readonly references?: readonly string[];
}

/**
 * The compiler options the units' JavaScript follows, as `tsc` would emit it: the target and class
 * fields, how imports interoperate and which are kept, the decorators' kind and metadata, JSX.
 */
export const EMIT_OPTIONS = [
  "module",
  "target",
  "useDefineForClassFields",
  "esModuleInterop",
  "allowSyntheticDefaultImports",
  "verbatimModuleSyntax",
  "preserveValueImports",
  "importsNotUsedAsValues",
  "experimentalDecorators",
  "emitDecoratorMetadata",
  "jsx",
  "jsxFactory",
  "jsxFragmentFactory",
  "jsxImportSource",
] as const;

const OPTION_KEYS: readonly string[] = ["baseUrl", "paths", "outDir", ...EMIT_OPTIONS];

/** One tsconfig read: what klotho uses of it and the warnings about it, or the error that stopped it. */
export type TsconfigRead = { readonly info: TsconfigInfo; readonly diagnostics: readonly Diagnostic[] } | { readonly diagnostic: Diagnostic };

/**
 * Reads the tsconfig `file` as TypeScript does: comments and trailing commas, `extends` (paths and
 * packages, one or a list) merged in order, relative values resolved against the file that writes
 * them (`${configDir}` against `file`'s folder). An `extends` or `references` entry that names no file
 * is a located warning; JSON that does not parse, a located error. Messages name files from `root`.
 */
export function readTsconfigFile(file: string, root: string, read: JsoncReader = readJsoncFile): TsconfigRead {
  try {
    const settings = readSettings(file, OPTION_KEYS, read);
    const references = referencedConfigs(file, settings.references);
    const missing = [...settings.missing, ...references.missing];
    return { info: tsconfigInfo(file, settings, references.found), diagnostics: missing.map((m) => missingConfigDiagnostic(m, root)) };
  } catch (error) {
    return { diagnostic: invalidJsonDiagnostic(error, (f) => displayPath(root, f), file) };
  }
}

function tsconfigInfo(file: string, settings: TsconfigSettings, references: readonly string[]): TsconfigInfo {
  const info: { -readonly [K in keyof TsconfigInfo]: TsconfigInfo[K] } = { file };
  const { baseUrl, paths, outDir } = settings.options;
  if (baseUrl && typeof baseUrl.value === "string") info.baseUrl = resolveIn(baseUrl.value, path.dirname(baseUrl.from), file);
  const mappings = paths && pathMappings(paths.value);
  if (paths && mappings) {
    const base = info.baseUrl ?? path.dirname(paths.from);
    info.paths = Object.fromEntries(Object.entries(mappings).map(([key, targets]) => [key, targets.map((t) => resolveIn(t, base, file))]));
  }
  if (outDir && typeof outDir.value === "string") info.outDir = resolveIn(outDir.value, path.dirname(outDir.from), file);
  const emit = Object.fromEntries(EMIT_OPTIONS.flatMap((key) => (settings.options[key] === undefined ? [] : [[key, settings.options[key].value]])));
  if (Object.keys(emit).length > 0) info.emit = emit;
  const files = settings.scope.files;
  if (files && isStringList(files.value)) info.files = files.value.map((f) => resolveIn(f, path.dirname(files.from), file));
  const include = scopeGlobs(settings.scope.include, file);
  if (include) info.include = include;
  const exclude = scopeGlobs(settings.scope.exclude, file);
  if (exclude) info.exclude = exclude;
  if (references.length > 0) info.references = references;
  return info;
}

/** `${configDir}` in a tsconfig value: the folder of the tsconfig being read, whichever base writes it (TypeScript 5.5). */
const CONFIG_DIR = "${configDir}";

/** A path value relative to `dir` (the folder of the file that writes it, or baseUrl), made absolute as TypeScript does for the tsconfig `top`. */
function resolveIn(value: string, dir: string, top: string): string {
  if (value.startsWith(CONFIG_DIR)) return path.join(path.dirname(top), value.slice(CONFIG_DIR.length));
  return path.resolve(dir, value);
}

/**
 * `include` or `exclude` as absolute POSIX globs: each pattern joined to its folder (written as a glob
 * that matches only that folder), a last segment without `.`, `*` or `?` standing for a folder and
 * every file below it, as TypeScript reads it.
 */
function scopeGlobs(setting: Setting | undefined, top: string): string[] | undefined {
  if (!setting || !isStringList(setting.value)) return undefined;
  return setting.value.map((pattern) => {
    const fromTop = pattern.startsWith(CONFIG_DIR);
    const written = toPosix(fromTop ? pattern.slice(CONFIG_DIR.length).replace(/^[/\\]+/, "") : pattern);
    const base = toPosix(path.dirname(fromTop ? top : setting.from));
    const glob = path.posix.isAbsolute(written) ? written : path.posix.join(escapeGlob(base), written);
    const last = glob.split("/").at(-1) ?? "";
    return /[.*?]/.test(last) ? glob : `${glob.replace(/\/+$/, "")}/**/*`;
  });
}

/** The tsconfig files `references` names, and the entries that name none. */
function referencedConfigs(file: string, references: unknown): { found: string[]; missing: MissingConfig[] } {
  const found: string[] = [];
  const missing: MissingConfig[] = [];
  const entries: readonly unknown[] = Array.isArray(references) ? references : [];
  for (const [index, reference] of entries.entries()) {
    const value = isRecord(reference) ? reference["path"] : undefined;
    if (typeof value !== "string") continue;
    const target = referencedConfigPath(value, file);
    if (target === undefined) missing.push({ file, at: ["references", index, "path"], value });
    else found.push(target);
  }
  return { found, missing };
}

/** `project/missing-tsconfig` at the value that names no file. */
function missingConfigDiagnostic(missing: MissingConfig, root: string): Diagnostic {
  const range = locateInJsonc(missing.file, displayPath(root, missing.file), missing.at);
  return createDiagnostic("project/missing-tsconfig", range ? { range } : {}, missing.at[0] === "extends" ? "extends" : "references", missing.value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** `paths` when it maps patterns to lists of strings. */
function pathMappings(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const mappings: Record<string, string[]> = {};
  for (const [pattern, targets] of Object.entries(value)) {
    if (!isStringList(targets)) return undefined;
    mappings[pattern] = targets;
  }
  return mappings;
}
