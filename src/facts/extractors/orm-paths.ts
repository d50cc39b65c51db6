import path from "node:path";
import type { Node } from "@babel/types";
import picomatch from "picomatch";
import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import { walkAst } from "../../parse/walk.js";
import type { SourceRange } from "../../util/source-range.js";
import type { OrmLibrary } from "../fact.js";
import { FILE_URL, PROJECT_PATH, readPathOf } from "../interpreter/file-paths.js";
import { isSpecial, type ObjectRef, type Value } from "../interpreter/values.js";
import type { ExtractorContext } from "./extractor.js";
import { runStateKey } from "./run-state.js";
import { TYPESCRIPT_EXTENSION, isDeclarationFile, isTypeScriptFile } from "../../util/typescript-files.js";

/** How a library finds the files a path option names. */
type PathStyle = "glob" | "models" | "folder";

/** An option of a client that names files the library loads (requires) when the app runs. */
interface PathOption {
  /** The option's name, dotted for a nested one (`migrations.directory`). */
  readonly name: string;
  readonly style: PathStyle;
  /** The folder the library uses when the option is not given (from the working folder, the project root); matching nothing then is silent. */
  readonly fallback?: string;
}

/** The path options of each library (Prisma's client takes none: its schema is carried apart, transform/prisma.ts). */
const PATH_OPTIONS: Readonly<Record<OrmLibrary, readonly PathOption[]>> = {
  // DataSource's `entities`, `migrations` and `subscribers`: classes, schemas, or glob patterns.
  typeorm: ["entities", "migrations", "subscribers"].map((name) => ({ name, style: "glob" })),
  // sequelize-typescript's `models`: classes, or folders (every .ts and .js file in them) and globs.
  sequelize: [{ name: "models", style: "models" }],
  // knex's migration and seed folders, which `db.migrate.latest()` and `db.seed.run()` load.
  knex: [
    { name: "migrations.directory", style: "folder", fallback: "migrations" },
    { name: "seeds.directory", style: "folder", fallback: "seeds" },
  ],
  prisma: [],
};

/** The extensions of the modules knex loads from a folder by default (its `loadExtensions`), those klotho can carry. */
const KNEX_EXTENSIONS = [".js", ".cjs", ".mjs", ".ts", ".cts", ".mts"];
/** The files sequelize-typescript loads from a folder. */
const MODEL_EXTENSIONS = [".js", ".ts"];

/** Reported (client node → `option\0pattern\0code`), so a client made by a function run twice warns once. */
const REPORTED = runStateKey("orm path warnings reported", () => new WeakMap<Node, Set<string>>());

/**
 * Follows the paths in the options of an ORM client (`entities: [__dirname + "/entity/*.{ts,js}"]`,
 * knex's `migrations: { directory }`): each project module they name runs as one the client's file loads,
 * so the units holding that file carry it as code (a TypeScript file compiled like the unit's others,
 * so the pattern's `.js` alternative finds it in the cloud). A path klotho cannot compute, a pattern
 * matching no module of the project, and one matching only TypeScript files are located warnings. An
 * option not given takes the library's default folder, when the project has it (knex's `migrations`).
 */
export function followOrmPaths(library: OrmLibrary, options: Value | undefined, node: Node, ctx: ExtractorContext): void {
  if (options?.kind !== "object") return;
  for (const option of PATH_OPTIONS[library]) {
    const found = optionValue(options.ref, option.name);
    if (!found) {
      if (option.fallback !== undefined) for (const file of matchingFiles(option.fallback, option.style, library, ctx)) ctx.loadModule(file);
      continue;
    }
    const at = (): SourceRange => propertyRange(found.holder, found.key, node, ctx);
    for (const item of pathItems(found.value, option.style)) {
      const target = readPathOf(item);
      if (target === undefined) {
        if (item.kind === "unknown" || item.kind === "string") report(node, ctx, at(), "orm/unknown-path", library, option.name);
        continue;
      }
      const files = matchingFiles(target, option.style, library, ctx).filter((file) => !isDeclarationFile(file));
      const loaded = files.filter((file) => ctx.loadModule(file));
      if (loaded.length === 0) report(node, ctx, at(), "orm/path-no-match", library, option.name, target);
      else if (option.style === "glob" && typeScriptOnly(target, loaded)) report(node, ctx, at(), "orm/typescript-only-path", library, option.name, target);
    }
  }
}

/** The option's value and the object holding it (`migrations.directory`: the `migrations` object). */
function optionValue(options: ObjectRef, name: string): { holder: ObjectRef; key: string; value: Value } | undefined {
  const [first = "", second] = name.split(".");
  const value = options.props.get(first);
  if (second === undefined) return value === undefined ? undefined : { holder: options, key: first, value };
  if (value?.kind !== "object") return undefined;
  const nested = value.ref.props.get(second);
  return nested === undefined ? undefined : { holder: value.ref, key: second, value: nested };
}

/**
 * The values of an option that may be paths: the items of an array (of TypeORM's object, its values),
 * or the value itself; classes, functions, schema objects and library values are no paths and are left
 * out; an unknown value is kept, since it may be a path klotho cannot compute.
 */
function pathItems(value: Value, style: PathStyle): Value[] {
  const items = value.kind === "array" ? value.items : value.kind === "object" && style === "glob" && value.ref.tag === "plain" ? [...value.ref.props.values()] : [value];
  return items.filter((item) => item.kind === "string" || item.kind === "unknown" || isSpecial(item, PROJECT_PATH) || isSpecial(item, FILE_URL));
}

/** The project files a path names, as the library finds them: a glob; a folder's files; sequelize-typescript's either. */
function matchingFiles(target: string, style: PathStyle, library: OrmLibrary, ctx: ExtractorContext): string[] {
  if (target === ".." || target.startsWith("../")) return [];
  const models = style === "models" && !picomatch.scan(target).isGlob && !MODEL_EXTENSIONS.includes(path.posix.extname(target));
  if (style === "folder" || models) {
    const extensions = library === "knex" ? KNEX_EXTENSIONS : MODEL_EXTENSIONS;
    const entries = ctx.listFolder(target, false) ?? [];
    return entries.filter((entry) => extensions.includes(path.posix.extname(entry))).map((entry) => (target === "." ? entry : `${target}/${entry}`));
  }
  const { base } = picomatch.scan(target);
  const folder = base === "" ? "." : base;
  const below = ctx.listFolder(folder, true);
  if (below === undefined) return ctx.listFolder(path.posix.dirname(target), false)?.includes(path.posix.basename(target)) ? [target] : [];
  const matcher = picomatch(target, { dot: false });
  return below.map((entry) => (folder === "." ? entry : `${folder}/${entry}`)).filter((file) => matcher(file));
}

/** True when the glob matches TypeScript files but not their JavaScript, which is all a unit holds of them. */
function typeScriptOnly(pattern: string, files: readonly string[]): boolean {
  const typescript = files.filter(isTypeScriptFile);
  if (typescript.length === 0 || typescript.length < files.length) return false;
  const matcher = picomatch(pattern);
  return !typescript.some((file) => matcher(file.replace(TYPESCRIPT_EXTENSION, ".js")));
}

/**
 * Where the option is written: its property, when the object is written in the client's call; else the
 * object's own literal (a config module's), else the client's creation.
 */
function propertyRange(holder: ObjectRef, key: string, node: Node, ctx: ExtractorContext): SourceRange {
  const property = holder.range?.file === ctx.file ? writtenProperty(node, holder.range.start.offset, key) : undefined;
  return property ? ctx.range(property) : (holder.range ?? ctx.range(node));
}

/** The property `key` of the object literal starting at `start` below `node`. */
function writtenProperty(node: Node, start: number, key: string): Node | undefined {
  const literals: Node[] = [];
  walkAst(node, (child) => {
    if (child.type === "ObjectExpression" && child.start === start) literals.push(child);
    return literals.length === 0;
  });
  const literal = literals[0];
  if (literal?.type !== "ObjectExpression") return undefined;
  return literal.properties.find((p) => p.type === "ObjectProperty" && !p.computed && ((p.key.type === "Identifier" && p.key.name === key) || (p.key.type === "StringLiteral" && p.key.value === key)));
}

function report(node: Node, ctx: ExtractorContext, range: SourceRange, code: "orm/unknown-path" | "orm/path-no-match" | "orm/typescript-only-path", library: OrmLibrary, option: string, target = ""): void {
  const key = `${option}\u0000${target}\u0000${code}`;
  const reported = ctx.runState(REPORTED);
  const done = reported.get(node) ?? new Set<string>();
  if (done.has(key)) return;
  reported.set(node, done.add(key));
  ctx.report(createDiagnostic(code, { range }, library, option, target));
}
