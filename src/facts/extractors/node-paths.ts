import { URL_CONSTRUCTOR } from "../interpreter/file-globals.js";
import { FILE_URL, basenameOfValue, dirnameOfValue, extnameOfValue, fileUrlOfPath, fileUrlToProjectPath, joinPathValues, parsePathValue, resolveFileUrl, resolvePathValues } from "../interpreter/file-paths.js";
import { UNKNOWN, isSpecial, special, stringOf, type Value } from "../interpreter/values.js";
import type { Extractor } from "./extractor.js";

/** Tag of the `path` module (also `path/posix`, and `path.posix`). */
const PATH_MODULE = "node.path";
/** Tag of the `url` module. */
const URL_MODULE = "node.url";
/** Tag of a function of the `path` or `url` module klotho computes; `data.name` is its name. */
const PATH_FUNCTION = "node.path-function";

/** What each modelled function computes from its arguments. */
const FUNCTIONS: Readonly<Record<string, (args: readonly Value[]) => Value>> = {
  join: joinPathValues,
  resolve: resolvePathValues,
  normalize: (args) => joinPathValues(args.slice(0, 1)),
  dirname: (args) => dirnameOfValue(args[0] ?? UNKNOWN),
  basename: (args) => basenameOfValue(args[0] ?? UNKNOWN, args[1]),
  extname: (args) => extnameOfValue(args[0] ?? UNKNOWN),
  fileURLToPath: (args) => fileUrlToProjectPath(args[0] ?? UNKNOWN),
  pathToFileURL: (args) => fileUrlOfPath(args[0] ?? UNKNOWN),
};

const PATH_FUNCTIONS = new Set(["join", "resolve", "normalize", "dirname", "basename", "extname", "parse"]);

/**
 * The `path` and `url` modules (`import path from "node:path"`, `import { join } from "path"`,
 * `require("path").posix`, `fileURLToPath`, `pathToFileURL`, `URL` and its `href` and `pathname`), computed over known strings and
 * project paths, so the paths a program builds from its own folder (`path.join(__dirname, "views")`) are known,
 * and the names it makes of a file's (`path.parse(file).name`, `path.basename(file, ".js")`).
 */
export const nodePaths: Extractor = {
  meta: { kind: "file_read", description: "The path and url modules, computing the file paths a program builds from its own folder." },
  packages: ["path", "path/posix", "url"],
  module(specifier) {
    if (specifier === "path" || specifier === "path/posix") return special(PATH_MODULE);
    return specifier === "url" ? special(URL_MODULE) : undefined;
  },
  memberReads: { tags: [FILE_URL, PATH_MODULE, URL_MODULE] },
  member(object, property) {
    if (isSpecial(object, FILE_URL)) {
      // A `file:` URL's `pathname` is the file's path (knex's `new URL("./migrations", import.meta.url).pathname`).
      if (property === "pathname") return fileUrlToProjectPath(object);
      return property === "href" ? object : undefined;
    }
    if (isSpecial(object, PATH_MODULE)) {
      if (property === "default" || property === "posix") return object;
      return PATH_FUNCTIONS.has(property) ? pathFunction(property) : undefined;
    }
    if (!isSpecial(object, URL_MODULE)) return undefined;
    if (property === "default") return object;
    if (property === "URL") return special(URL_CONSTRUCTOR);
    return property === "fileURLToPath" || property === "pathToFileURL" ? pathFunction(property) : undefined;
  },
  callees: { tags: [PATH_FUNCTION] },
  call(callee, args, node, ctx) {
    if (callee.kind !== "special" || callee.tag !== PATH_FUNCTION) return undefined;
    const name = stringOf(callee.data?.["name"] ?? UNKNOWN) ?? "";
    if (name === "parse") return parsePathValue(args[0] ?? UNKNOWN, () => ctx.newObject("plain", node));
    const compute = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    return compute ? compute(args) : undefined;
  },
  methodCalls: { tags: [FILE_URL] },
  method(object, method) {
    // A URL's text is the URL itself to what takes one (`import(url.href)`, `readFileSync(url.toString())`).
    return isSpecial(object, FILE_URL) && (method === "toString" || method === "toJSON") ? object : undefined;
  },
  construct(callee, args) {
    if (!isSpecial(callee, URL_CONSTRUCTOR)) return undefined;
    return args.length === 2 ? resolveFileUrl(args[0] ?? UNKNOWN, args[1] ?? UNKNOWN) : UNKNOWN;
  },
};

function pathFunction(name: string): Value {
  return special(PATH_FUNCTION, { name: { kind: "string", value: name } });
}
