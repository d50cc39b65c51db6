import path from "node:path";
import { UNKNOWN, special, type ObjectRef, type Value } from "./values.js";

/**
 * Tag of a path klotho can place in the project: `data.path` is a project-relative POSIX path,
 * normalised (`.` the root, `../x` outside it). The working folder is the project root locally and
 * the unit's root in the cloud (Lambda's /var/task, the image's WORKDIR), where the unit's files sit at
 * their project paths, so a file's folder (`__dirname`) and `process.cwd()` both name project paths.
 * It is a special value, not a string, so nothing takes it for a route path, a topic or a module name.
 */
export const PROJECT_PATH = "project-path";

/** Tag of a `file:` URL of a project path (`import.meta.url`, `new URL("./x", import.meta.url)`); `data.path` ends with `/` for a folder. */
export const FILE_URL = "file-url";

/** The value of a project path. */
export function projectPath(relative: string): Value {
  return special(PROJECT_PATH, { path: { kind: "string", value: normalize(relative) } });
}

/** The value of a `file:` URL of a project file, or of a folder when `relative` ends with `/`. */
export function fileUrl(relative: string): Value {
  const folder = relative.endsWith("/") || relative === ".";
  const normalized = normalize(relative);
  return special(FILE_URL, { path: { kind: "string", value: folder ? `${normalized}/` : normalized } });
}

/** The project path a value names: a project path, or a `file:` URL of one (fs functions take both). */
export function projectPathOf(value: Value): string | undefined {
  if (value.kind !== "special" || (value.tag !== PROJECT_PATH && value.tag !== FILE_URL)) return undefined;
  const data = value.data?.["path"];
  return data?.kind === "string" ? normalize(data.value) : undefined;
}

/**
 * The project path a path argument of a file read names: a project path or `file:` URL, or a
 * relative string, which Node resolves from the working folder (the project root); undefined for
 * an absolute string (klotho cannot know the machine it runs on) and anything not known.
 */
export function readPathOf(value: Value): string | undefined {
  if (value.kind === "string") return value.value === "" || isAbsolute(value.value) ? undefined : normalize(value.value);
  return projectPathOf(value);
}

/** `path.join(...)`: segments after a project path join it; known strings alone join as a string; anything else is unknown. */
export function joinPathValues(args: readonly Value[]): Value {
  const [first, ...rest] = args;
  if (first === undefined) return { kind: "string", value: "." };
  const segments = stringsOf(rest);
  if (segments === undefined) return UNKNOWN;
  const base = projectPathOf(first);
  if (base !== undefined && first.kind === "special" && first.tag === PROJECT_PATH) return projectPath(path.posix.join(base, ...segments));
  return first.kind === "string" ? { kind: "string", value: path.posix.join(first.value, ...segments) } : UNKNOWN;
}

/** `base + text` for a project path `base` and a text that starts a new segment (`"/views"`, or nothing); undefined otherwise. */
export function appendToPath(base: Value, text: string): Value | undefined {
  if (base.kind !== "special" || base.tag !== PROJECT_PATH || (text !== "" && !text.startsWith("/"))) return undefined;
  const at = projectPathOf(base);
  return at === undefined ? undefined : projectPath(path.posix.join(at, text));
}

/** `path.resolve(...)`: from the last absolute argument (a project path, or an absolute string), else from the working folder. */
export function resolvePathValues(args: readonly Value[]): Value {
  for (let start = args.length - 1; start >= 0; start--) {
    const value = args[start] ?? UNKNOWN;
    const segments = stringsOf(args.slice(start + 1));
    if (segments === undefined) return UNKNOWN;
    if (value.kind === "special" && value.tag === PROJECT_PATH) {
      const base = projectPathOf(value);
      return base === undefined ? UNKNOWN : projectPath(path.posix.join(base, ...segments));
    }
    if (value.kind !== "string") return UNKNOWN;
    if (isAbsolute(value.value)) return { kind: "string", value: path.posix.resolve(value.value, ...segments) };
  }
  const segments = stringsOf(args);
  return segments === undefined ? UNKNOWN : projectPath(path.posix.join(".", ...segments));
}

/** `path.dirname(p)` of a project path (the root's parent is `..`), or of a known string. */
export function dirnameOfValue(value: Value): Value {
  if (value.kind === "string") return { kind: "string", value: path.posix.dirname(value.value) };
  const at = value.kind === "special" && value.tag === PROJECT_PATH ? projectPathOf(value) : undefined;
  return at === undefined ? UNKNOWN : projectPath(path.posix.join(at, ".."));
}

/** `path.basename(p)` (`path.basename(p, ext)` with a known `ext`) of a project path below the root, or of a known string. */
export function basenameOfValue(value: Value, extension?: Value): Value {
  if (extension !== undefined && extension.kind !== "string") return UNKNOWN;
  const suffix = extension?.value;
  if (value.kind === "string") return { kind: "string", value: path.posix.basename(value.value, suffix) };
  const at = value.kind === "special" && value.tag === PROJECT_PATH ? projectPathOf(value) : undefined;
  return at === undefined || at === "." || at.split("/").at(-1) === ".." ? UNKNOWN : { kind: "string", value: path.posix.basename(at, suffix) };
}

/** `path.extname(p)` of a project path or a known string. */
export function extnameOfValue(value: Value): Value {
  const text = value.kind === "string" ? value.value : value.kind === "special" && value.tag === PROJECT_PATH ? projectPathOf(value) : undefined;
  return text === undefined ? UNKNOWN : { kind: "string", value: path.posix.extname(text) };
}

/**
 * `path.parse(p)` of a known string (every part known) or of a project path below the root (its `dir` a project
 * path, its `root` unknown); `make` gives the object.
 */
export function parsePathValue(value: Value, make: () => ObjectRef): Value {
  const at = value.kind === "special" && value.tag === PROJECT_PATH ? projectPathOf(value) : undefined;
  if (value.kind !== "string" && (at === undefined || at === "." || at.split("/").at(-1) === "..")) return UNKNOWN;
  const parsed = path.posix.parse(value.kind === "string" ? value.value : (at ?? ""));
  const ref = make();
  for (const key of ["base", "name", "ext"] as const) ref.props.set(key, { kind: "string", value: parsed[key] });
  ref.props.set("dir", value.kind === "string" ? { kind: "string", value: parsed.dir } : projectPath(parsed.dir || "."));
  ref.props.set("root", value.kind === "string" ? { kind: "string", value: parsed.root } : UNKNOWN);
  return { kind: "object", ref };
}

/** `pathToFileURL(p)`: the `file:` URL of a project path, or of a relative string (from the working folder, the project root). */
export function fileUrlOfPath(value: Value): Value {
  const at = readPathOf(value);
  return at === undefined ? UNKNOWN : fileUrl(at);
}

/** `new URL(specifier, base)` for a relative specifier and a `file:` URL base, as URL resolution does. */
export function resolveFileUrl(specifier: Value, base: Value): Value {
  if (specifier.kind !== "string" || base.kind !== "special" || base.tag !== FILE_URL) return UNKNOWN;
  const data = base.data?.["path"];
  if (data?.kind !== "string" || isAbsolute(specifier.value) || /^[a-z][a-z0-9+.-]*:/i.test(specifier.value)) return UNKNOWN;
  const folder = data.value.endsWith("/") ? data.value : `${path.posix.dirname(data.value)}/`;
  const target = specifier.value.split(/[?#]/)[0] ?? "";
  return fileUrl(path.posix.join(folder, target) + (target.endsWith("/") || target === "." || target === "" ? "/" : ""));
}

/** `fileURLToPath(url)` of a `file:` URL of the project. */
export function fileUrlToProjectPath(value: Value): Value {
  if (value.kind !== "special" || value.tag !== FILE_URL) return UNKNOWN;
  const at = projectPathOf(value);
  return at === undefined ? UNKNOWN : projectPath(at);
}

function stringsOf(values: readonly Value[]): string[] | undefined {
  const out: string[] = [];
  for (const value of values) {
    if (value.kind !== "string") return undefined;
    out.push(value.value);
  }
  return out;
}

function isAbsolute(text: string): boolean {
  return path.posix.isAbsolute(text) || path.win32.isAbsolute(text);
}

/** POSIX-normalised, without a trailing `/`; `.` for the root. */
function normalize(relative: string): string {
  const normalized = path.posix.normalize(relative).replace(/\/+$/, "");
  return normalized === "" ? "." : normalized;
}
