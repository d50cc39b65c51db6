import { existsSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { relativePosix } from "../util/paths.js";
import { invalidJsonDiagnostic, readJsoncFile } from "./json-file.js";

/** The parts of tsconfig.json klotho uses: module resolution settings and the output folder. */
export interface TsconfigInfo {
  /** Absolute path of the tsconfig.json read. */
  readonly file: string;
  /** Absolute baseUrl, when set. */
  readonly baseUrl?: string;
  /** `paths` mappings; targets are absolute patterns. */
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  /** Absolute outDir, skipped when walking so compiled copies are not analysed twice. */
  readonly outDir?: string;
  /** The compiler options that change what a file's JavaScript is (EMIT_OPTIONS), as written in tsconfig.json. */
  readonly emit?: Readonly<Record<string, unknown>>;
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

interface RawCompilerOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  outDir?: string;
  [emitOption: string]: unknown;
}

/** Reads `<root>/tsconfig.json` (following relative `extends`), or nothing when there is none. */
export function readTsconfig(root: string): TsconfigInfo | { diagnostic: Diagnostic } | undefined {
  const file = path.join(root, "tsconfig.json");
  if (!existsSync(file)) return undefined;
  try {
    const options = readCompilerOptions(file, new Set());
    const info: { -readonly [K in keyof TsconfigInfo]: TsconfigInfo[K] } = { file };
    const configDir = path.dirname(options.origin.baseUrl ?? file);
    if (options.values.baseUrl !== undefined) info.baseUrl = path.resolve(configDir, options.values.baseUrl);
    if (options.values.paths) {
      const base = info.baseUrl ?? path.dirname(options.origin.paths ?? file);
      info.paths = Object.fromEntries(
        Object.entries(options.values.paths).map(([key, targets]) => [key, targets.map((t) => path.resolve(base, t))]),
      );
    }
    if (options.values.outDir !== undefined) info.outDir = path.resolve(path.dirname(options.origin.outDir ?? file), options.values.outDir);
    const emit = Object.fromEntries(EMIT_OPTIONS.flatMap((key) => (options.values[key] === undefined ? [] : [[key, options.values[key]]])));
    if (Object.keys(emit).length > 0) info.emit = emit;
    return info;
  } catch (error) {
    return { diagnostic: invalidJsonDiagnostic(error, (f) => relativePosix(root, f) || f, file) };
  }
}

interface ResolvedOptions {
  values: RawCompilerOptions;
  /** Which file each option came from, since relative values resolve against their own file. */
  origin: Partial<Record<string, string>>;
}

function readCompilerOptions(file: string, seen: Set<string>): ResolvedOptions {
  if (seen.has(file)) return { values: {}, origin: {} };
  seen.add(file);
  const raw = readJsoncFile(file) as { extends?: unknown; compilerOptions?: RawCompilerOptions };
  const inherited = resolveExtends(file, raw.extends, seen);
  const own = raw.compilerOptions ?? {};
  const result: ResolvedOptions = { values: { ...inherited.values }, origin: { ...inherited.origin } };
  for (const key of ["baseUrl", "paths", "outDir", ...EMIT_OPTIONS]) {
    if (own[key] !== undefined) {
      result.values[key] = own[key];
      result.origin[key] = file;
    }
  }
  return result;
}

/** Options inherited through `extends`: one relative path, or (TypeScript 5) a list merged in order. */
function resolveExtends(file: string, extendsValue: unknown, seen: Set<string>): ResolvedOptions {
  const result: ResolvedOptions = { values: {}, origin: {} };
  for (const entry of Array.isArray(extendsValue) ? (extendsValue as unknown[]) : [extendsValue]) {
    if (typeof entry !== "string" || !entry.startsWith(".")) continue;
    let target = path.resolve(path.dirname(file), entry);
    if (!existsSync(target) && existsSync(`${target}.json`)) target = `${target}.json`;
    if (!existsSync(target)) continue;
    const inherited = readCompilerOptions(target, seen);
    Object.assign(result.values, inherited.values);
    Object.assign(result.origin, inherited.origin);
  }
  return result;
}
