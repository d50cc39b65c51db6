/**
 * Every diagnostic klotho can report: its stable code, its severity and its text.
 * Message texts live here and nowhere else, so they stay consistent and greppable.
 */
import { FS_RUNTIME_METHODS } from "../util/fs-runtime.js";
import { MAX_UNROLLED_ITEMS } from "../util/analysis-limits.js";
import { namedList } from "../util/lists.js";

/** A route whose path klotho cannot read (a regular expression, a computed value): the gateway has no route for it. */
const DYNAMIC_ROUTE = (method: string): string =>
  `The path of this ${method} route is not a string klotho can read (only literals and constants are), so the gateway has no route for it: requests for it get 404 unless another route (a wildcard) covers them.`;

/**
 * The route to write so the gateway routes the static files under `prefix` (no trailing slash) to the
 * unit: an Express-style `app.get`, or for NestJS's `useStaticAssets` a controller method, which Nest
 * reaches only for the paths its static files do not answer.
 */
const catchAllRouteFor = (prefix: string, server: string): string =>
  server === "useStaticAssets"
    ? `a wildcard route in a controller (@Get("${prefix === "/" ? "" : `${prefix.slice(1)}/`}*path") on a method that throws NotFoundException: Nest serves the files that exist before it)`
    : `a catch-all route (app.get("${prefix === "/" ? "" : prefix}/*", ...))`;

/** The functions a persisted fs import may call, for the message of a call it may not. */
const FS_LIST = FS_RUNTIME_METHODS.join(", ");

/** `word` after the article its sound takes: `an exec_unit`, `a gateway`. */
const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;

/** Why `klotho explain` can miss a target: the compile's failures, found before the plan. */
export interface CompileFailures {
  /** The files that did not parse, each with the location of its syntax error. */
  readonly unparsed: readonly { readonly file: string; readonly error: string }[];
  /** The locations (or codes, when unlocated) of the other errors, and of warnings under --strict. */
  readonly others: readonly string[];
}

/** " It can be missing because ...": the files that did not parse, then where the other failures are. */
const missingBecause = ({ unparsed, others }: CompileFailures): string => {
  const parts: string[] = [];
  if (unparsed.length > 0) {
    const one = unparsed.length === 1;
    const where = `${one ? "syntax error" : "syntax errors"} at ${namedList(unparsed.map((u) => u.error))}`;
    parts.push(`${namedList(unparsed.map((u) => u.file))} did not parse (${where}), so none of ${one ? "its" : "their"} annotations or code is in the plan`);
  }
  if (others.length > 0) parts.push(`${unparsed.length > 0 ? "and " : ""}${String(others.length)} ${unparsed.length > 0 ? "more " : ""}${others.length === 1 ? "problem" : "problems"} at ${namedList(others)}`);
  return ` It can be missing because the compile would fail: ${parts.join("; ")}. Fix ${unparsed.length + others.length === 1 ? "it" : "them"} and explain again.`;
};

/** An ORM library's name as its users write it. */
const ormName = (library: string): string => ({ typeorm: "TypeORM", sequelize: "Sequelize", knex: "knex", prisma: "Prisma" })[library] ?? library;

/**
 * What is wrong with the TOML of an annotation body: one of the mistakes JavaScript developers make
 * (JSON-style `key: value`, an unquoted string or boolean, a string left open), or the parser's own words.
 */
export type TomlProblem =
  | { readonly kind: "colon"; readonly suggestion: string }
  | { readonly kind: "unquoted"; readonly word: string; readonly suggestion: string }
  | { readonly kind: "boolean"; readonly word: string }
  | { readonly kind: "unclosed-string"; readonly written: string; readonly quote: string }
  | { readonly kind: "parser"; readonly detail: string };

const tomlProblemText = (problem: TomlProblem): string => {
  switch (problem.kind) {
    case "colon":
      return `TOML writes key = value, not key: value (${problem.suggestion}).`;
    case "unquoted":
      return `${problem.word} is not a TOML value; strings need double quotes: ${problem.suggestion}.`;
    case "boolean":
      return `${problem.word} is not a TOML value; booleans are written true or false, lower case and unquoted.`;
    case "unclosed-string":
      return `the string ${problem.written} is not closed: add the closing ${problem.quote}${problem.quote.length === 1 ? " before the end of its line" : ""}.`;
    case "parser":
      return problem.detail;
  }
};

export const messages = {
  // invocation and project loading
  "cli/invalid-usage": { severity: "error", text: (detail: string) => detail },
  "cli/internal-error": {
    severity: "error",
    text: (detail: string) => `klotho failed with an internal error, a bug in klotho, not in your project: ${detail}. Please report it with the stack trace printed on stderr.`,
  },
  "cli/missing-option": {
    severity: "error",
    text: (option: string) => `Missing required option --${option} (give it on the command line or in klotho.yaml).`,
  },
  "cli/unknown-provider": {
    severity: "error",
    text: (provider: string) => `Unknown provider '${provider}'. Supported providers: aws.`,
  },
  "cli/invalid-app": {
    severity: "error",
    text: (app: string, detail: string) => `Invalid application name '${app}': ${detail}`,
  },
  "cli/out-dir-holds-project": {
    severity: "error",
    text: (dir: string) => `Output folder '${dir}' holds the project itself; klotho replaces the whole output folder, so choose another one.`,
  },
  "cli/out-dir-not-output": {
    severity: "error",
    text: (dir: string) =>
      `Output folder '${dir}' exists and is not an earlier klotho output (no klotho.yaml and resources.json in it); klotho replaces the whole output folder, so choose another one or empty it first.`,
  },
  "cli/cannot-write-output": {
    severity: "error",
    text: (dir: string, detail: string) => `Cannot write the output folder '${dir}': ${detail}; the previous output, if any, is unchanged.`,
  },
  "cli/old-output-left": {
    severity: "warning",
    text: (folder: string, detail: string) => `The new output is in place, but the earlier one, set aside in '${folder}', could not be deleted: ${detail}; delete it yourself.`,
  },
  // klotho explain
  "explain/unknown-resource": {
    severity: "error",
    // The compile's failures are the likelier answer when there are some; else the target may have been the network.
    text: (wanted: string, ids: string, failures?: CompileFailures) =>
      `No resource '${wanted}' in the plan; its resources are: ${ids}.${failures ? missingBecause(failures) : " The network (the VPC, its subnets and endpoints, where each unit runs) is explained by `klotho explain network`."}`,
  },
  "explain/ambiguous-name": {
    severity: "error",
    text: (wanted: string, ids: readonly string[]) => `'${wanted}' names ${String(ids.length)} resources: ${ids.join(", ")}; give the full id.`,
  },
  "explain/no-annotation": {
    severity: "error",
    text: (file: string, line: number, lines: string) =>
      lines === ""
        ? `No annotation at ${file}:${String(line)}; ${file} has no klotho annotation (or is not part of the project).`
        : `No annotation at ${file}:${String(line)}; the annotations in ${file} are on lines ${lines}.`,
  },
  "explain/file-not-parsed": {
    severity: "error",
    text: (file: string, line: number, errors: string) =>
      `Cannot explain ${file}:${String(line)}: ${file} did not parse (syntax error at ${errors}), so klotho read none of its annotations. Fix the syntax error and explain again.`,
  },
  "project/not-found": { severity: "error", text: (dir: string) => `Project path '${dir}' does not exist or is not a folder.` },
  "project/no-package-json": {
    severity: "error",
    text: (dir: string) => `No package.json found in '${dir}' or any folder above it; klotho compiles Node.js projects.`,
  },
  "project/unreadable-file": { severity: "error", text: (file: string, detail: string) => `Cannot read ${file}: ${detail}` },
  "project/invalid-json": { severity: "error", text: (file: string, detail: string) => `Cannot read ${file}: ${detail}` },
  "project/invalid-dependencies": {
    severity: "error",
    text: (file: string, field: string, problem: string) =>
      `'${field}' in ${file} ${problem}: npm and klotho read it as an object mapping each package name to a version range, such as { "express": "^4.21.2" }${field === "dependencies" ? ", and a unit installs only the packages it maps" : ""}. Write it as one.`,
  },
  "project/unreadable-tsconfig": {
    severity: "warning",
    text: (reason: string) => `${reason}. It is left out: the files below its folder are compiled as if it were not there, with the nearest tsconfig.json above them.`,
  },
  "project/invalid-workspaces": {
    severity: "warning",
    text: (file: string, detail: string) =>
      `Cannot read the workspace's packages from ${file}: ${detail}. The packages it would declare are not imported by name as project code.`,
  },
  "project/missing-tsconfig": {
    severity: "warning",
    text: (key: "extends" | "references", value: string) =>
      key === "extends"
        ? `Cannot find '${value}', which this tsconfig extends: its compiler options (esModuleInterop, target, paths, ...) are not applied, so the JavaScript klotho emits can differ from tsc's and fail when it runs. Install the package that holds it (npm install) or correct the path.`
        : `Cannot find the project '${value}' this tsconfig references: the files it would compile are emitted with the options of the tsconfig.json nearest to them.`,
  },
  "project/no-sources": {
    severity: "warning",
    text: (dir: string) => `No JavaScript or TypeScript files found under '${dir}'.`,
  },
  // configuration
  "config/not-found": { severity: "error", text: (file: string) => `Config file '${file}' does not exist.` },
  "config/unsupported-format": {
    severity: "error",
    text: (file: string) => `Config file '${file}' must end in .yaml, .yml or .json.`,
  },
  "config/invalid-yaml": { severity: "error", text: (detail: string) => `Invalid YAML: ${detail}` },
  "config/invalid-json": { severity: "error", text: (detail: string) => `Invalid JSON: ${detail}` },
  "config/schema": { severity: "error", text: (detail: string) => detail },
  "config/path-ignored": {
    severity: "warning",
    text: (value: string) =>
      `'path: ${value}' is ignored: this klotho.yaml was found in the folder being compiled, so that folder is the project ('path' is read only from a file given with -c, such as compiled/klotho.yaml; to compile another folder, name it on the command line).`,
  },
  // facts
  "facts/out-of-stack": {
    severity: "warning",
    text: (others: readonly string[]) =>
      `klotho ran out of stack running this module, or parsing it where code imported it, reached through a chain of imports too long for it to follow (a few hundred modules, each importing the next) or holding code nested too deeply: the rest of its top level is not analysed, or its importer saw an unknown value, so routes, stores and clients made there may not be found${others.length > 0 ? `; so did ${others.length === 1 ? "one more module" : `${String(others.length)} more modules`} (${namedList(others)})` : ""}. The project files they import are still carried, found by their text, and analysed on their own.`,
  },
  "facts/unresolved-import": {
    severity: "warning",
    text: (specifier: string, file: string) => `Cannot resolve '${specifier}' imported by ${file}; its code is not analysed.`,
  },
  "orm/unknown-path": {
    severity: "warning",
    text: (library: string, option: string) =>
      `klotho cannot compute the path this ${ormName(library)} option '${option}' holds (it is known only when the app runs, or absolute), so the files it names are not carried into the unit and ${ormName(library)} finds none of them in the cloud. Write it from the file's folder (__dirname + "/entity/*.{ts,js}", path.join(__dirname, "migrations"), new URL("./migrations", import.meta.url)), or list the classes themselves.`,
  },
  "orm/path-no-match": {
    severity: "warning",
    text: (library: string, option: string, target: string) =>
      `The ${ormName(library)} option '${option}' names '${target}', which matches no module of the project (files ignored by .gitignore, such as a build folder, are not part of it), so the unit carries none and ${ormName(library)} finds none in the cloud. klotho compiles the project's TypeScript itself: point the option at the sources, as in __dirname + "/entity/*.{ts,js}".`,
  },
  "orm/typescript-only-path": {
    severity: "warning",
    text: (library: string, option: string, target: string) =>
      `The ${ormName(library)} option '${option}' names '${target}', which matches only TypeScript files: the unit carries them compiled to JavaScript, so in the cloud the pattern matches nothing. Match both, as in '*.{ts,js}'.`,
  },
  "orm/migration-script": {
    severity: "warning",
    text: (script: string, command: string) =>
      `The package.json script '${script}' runs '${command}', which never runs in the cloud: a unit starts the app with node (Lambda calls its handler, an ECS image runs the entrypoint), not through npm scripts. Nor can it reach the database from your machine afterwards: the database klotho creates is private to its VPC. Create the schema when the app starts instead (Umzug for Sequelize, migrationsRun for TypeORM, await db.migrate.latest() for knex; see the README).`,
  },
  "facts/unknown-listed-module": {
    severity: "warning",
    text: () =>
      `klotho cannot tell which modules this loads: the specifier is computed from a value it cannot know. A folder's listing is known only for a folder of the project (a literal, __dirname, import.meta.dirname or process.cwd(), joined with literals) of at most ${MAX_UNROLLED_ITEMS} entries, each loaded by its path (path.join, a template, pathToFileURL). The modules loaded here are not analysed: the gateway routes none of the routes they register (requests for them get 404 unless a wildcard route covers them). Import each module by a string literal, or list a folder of the project.`,
  },
  "facts/unresolved-workspace-package": {
    severity: "warning",
    text: (specifier: string, dir: string) =>
      `'${specifier}' is this workspace's package in ${dir}/, but none of its entries (exports, main, src/index, index) is one of the project's source files, so its code is not analysed or copied into the unit, and npm cannot install it: point its main or exports at its sources.`,
  },
  "facts/workspace-package-outside": {
    severity: "warning",
    text: (specifier: string, dir: string) =>
      `'${specifier}' is this workspace's package in ${dir}/, outside the compiled folder: its code is not analysed or copied into the unit, nor is it in the unit's package.json (where npm would install whatever public package has that name). Compile the workspace's root folder instead.`,
  },
  "facts/invalid-json-module": {
    severity: "warning",
    text: (file: string, detail: string) => `${file} is not valid JSON (${detail}); the code that imports it throws when it loads.`,
  },
  "express/static-files": {
    severity: "warning",
    text: (prefix: string, server = "express.static") =>
      `The gateway routes none of the paths of the files ${server} serves here: no route of the app covers ${prefix === "/" ? "them" : `'${prefix}'`} with a wildcard, so requests for them never reach the unit. Add ${catchAllRouteFor(prefix, server)}, or serve the files from a @klotho::static_unit.`,
  },
  "express/static-folder-unknown": {
    severity: "warning",
    text: (server = "express.static") =>
      `The folder ${server} serves here is not a path klotho can compute (a literal, __dirname, import.meta.dirname or process.cwd(), joined with literals), so its files are not copied into the unit: add them with @klotho::embed_assets.`,
  },
  "express/dynamic-mount-path": {
    severity: "warning",
    text: () => "The path this is mounted at is not a string klotho can read (only literals and constants are); the routes mounted here are not exposed. Use a string literal or a constant.",
  },
  "express/default-path": {
    severity: "warning",
    text: (path: string) =>
      `This path is '${path}' only while a value it is made of keeps its default (\`process.env.BASE || "/v1"\`): klotho cannot know that value when the app runs, so the gateway routes '${path}', and a unit deployed with another value gets no request at its path. Write the path as a constant, or keep the default.`,
  },
  "express/dynamic-path": {
    severity: "warning",
    text: (method: string) => DYNAMIC_ROUTE(method),
  },
  "fastify/autoload": {
    severity: "warning",
    text: () =>
      "klotho does not follow @fastify/autoload: the plugins and routes it loads from its folder when the app runs are not analysed, nor carried into the unit, so the deployed app lacks them. Register them with register(import(...)) calls, or carry the folder with @klotho::embed_assets (its routes then reach the unit only through a catch-all route).",
  },
  "fastify/dynamic-path": {
    severity: "warning",
    text: (method: string) => DYNAMIC_ROUTE(method),
  },
  "fastify/unknown-method": {
    severity: "info",
    text: (method: string) =>
      `The method of this route (${method}) is not GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD as a string literal; the route is not exposed on its own.`,
  },
  "fastify/dynamic-prefix": {
    severity: "warning",
    text: () => "The prefix of this register() call is not a string literal, so klotho cannot tell where the plugin's routes are served; they are not exposed on their own.",
  },
  "koa/dynamic-path": {
    severity: "warning",
    text: (method: string) => DYNAMIC_ROUTE(method),
  },
  "koa/dynamic-prefix": {
    severity: "warning",
    text: () => "This router prefix or mount path is not a string literal, so klotho cannot tell where the router's routes are served; they are not exposed on their own.",
  },
  "nestjs/dynamic-path": {
    severity: "warning",
    text: (method: string) => DYNAMIC_ROUTE(method),
  },
  "nestjs/uri-versioning": {
    severity: "warning",
    text: (subject: string, reason: string) =>
      `URI versioning is not applied to ${subject}: ${reason}, so klotho exposes them without their version segment (such as '/v1'), where Nest does not serve them. Write the versions and the versioning options as literals, or use header or media-type versioning.`,
  },
  "nestjs/route-version": {
    severity: "warning",
    text: () =>
      "This route's own version is not applied: klotho exposes it under its controller's version (or none), where Nest does not serve it with URI versioning. Move the route to a controller with that version, or write the version as a literal equal to the controller's.",
  },
  "nestjs/prefix-exclude": {
    severity: "warning",
    text: () => "The exclude option of setGlobalPrefix is not applied: klotho exposes the excluded routes under the prefix, where Nest does not serve them.",
  },
  "nestjs/foreign-global-provider": {
    severity: "error",
    text: (name: string, registration: string, file: string, decorator: string) =>
      `'${name}' is ${registration}, which Nest runs for the requests of every unit, but '${file}' is a file another execution unit owns: the units that do not hold it would get a stand-in in its place, which cannot do its work, so each request Nest runs it for there fails with an error. Move the class to a file no @klotho::execution_unit annotation claims, so that every unit serving the app carries it, or bind it on each controller it must run for (@${decorator}(${name})) instead: a unit carries the files its own code imports.`,
  },
  "nestjs/catch-all-units": {
    severity: "error",
    text: (units: string) =>
      `klotho found none of the routes of the app this exposes (a nestjs/dynamic-prefix or nestjs/dynamic-path warning says which path it cannot read), so the gateway would forward every request to one unit; but the app's controllers are in several units (${units}), and each unit's copy of the app serves only its own controllers. Write that path as a string literal or a constant, so each route goes to the unit of its controller, or put the controllers in one unit.`,
  },
  "nestjs/dynamic-prefix": {
    severity: "warning",
    text: (what: string) => `The path of ${what} is not a string literal, so klotho cannot tell where its routes are served; they are not exposed on their own.`,
  },
  // capabilities checked against the code and the project's files
  "kv/missing-await": {
    severity: "warning",
    text: (method: string, id: string, through?: string) =>
      through === undefined
        ? `Call is async, but is missing "await": the Map is persisted as '${id}', so ${method}() returns a promise; await it, return it or pass it to Promise.all.`
        : `Call is async, but is missing "await": ${through}() returns the promise of a ${method}() call on the Map persisted as '${id}'; await it, return it or pass it to Promise.all.`,
  },
  "kv/sync-size": {
    severity: "warning",
    text: (id: string) => `The Map is persisted as '${id}': in the cloud its size is a method that returns a promise (await map.size()), so reading size there gives a function, not a number.`,
  },
  "kv/sync-iteration": {
    severity: "warning",
    text: (id: string) => `The Map is persisted as '${id}', which the cloud cannot iterate synchronously (for...of, spread, Array.from, new Map(...)): use for await (const [key, value] of map), which works on a plain Map too.`,
  },
  "pubsub/dynamic-topic": {
    severity: "warning",
    text: (method: string, id: string) =>
      `The event name of this ${method}() call is not a string klotho can compute (a literal, a constant, an enum member or a property of a constant object), so klotho cannot route it through the pubsub '${id}'; the call stays in-process.`,
  },
  "pubsub/no-publisher": {
    severity: "warning",
    text: (topic: string, id: string) =>
      `No code klotho follows emits '${topic}' on the pubsub '${id}', so no unit publishes it to the topic: this listener hears only what is published from outside the app. An emitter reached in a way klotho does not follow (NestJS dependency injection, a container, a registry) emits in-process only; import the emitter where it is used.`,
  },
  "pubsub/topic-name-clash": {
    severity: "error",
    text: (topic: string, earlier: string, id: string, variable: string) =>
      `The events '${topic}' and '${earlier}' of the pubsub '${id}' would both find their topic in environment variable '${variable}' (an event name upper-cased, with '_' for every character other than a letter or digit), so their topics cannot be told apart; rename one of the events.`,
  },
  "files/no-match": {
    severity: "warning",
    text: (glob: string, key: string, capability: string) => `The glob '${glob}' in ${key} of @klotho::${capability} matches no file of the project.`,
  },
  "files/gitignored": {
    severity: "warning",
    text: (glob: string, key: string, capability: string, count: number, first: string, rule: string, suggestion: string) =>
      `The glob '${glob}' in ${key} of @klotho::${capability} matches only files .gitignore leaves out of the project (${count === 1 ? `'${first}'` : `${count} files, such as '${first}'`}, by the rule ${rule}). A glob serves ignored files only when it names their folder before any wildcard, as '${suggestion}' does.`,
  },
  "files/read-outside-project": {
    severity: "warning",
    text: (method: string, target: string) =>
      `${method} reads '${target}', outside the project: klotho copies only project files into the unit, so this read fails in the cloud. Move the file into the project.`,
  },
  "files/read-missing": {
    severity: "warning",
    text: (method: string, target: string, folder: boolean) =>
      `${method} reads ${folder ? `the folder '${target}', which holds no file` : `'${target}', which is no file`} of the project (files ignored by .gitignore are not part of it), so there is nothing to copy into the unit and the read fails in the cloud.`,
  },
  "files/read-folder-too-large": {
    severity: "warning",
    text: (method: string, target: string, count: number, limit: number) =>
      `${method} reads the folder '${target}', which holds ${String(count)} files, more than the ${String(limit)} klotho copies by itself; none are copied. Copy the ones the unit needs with @klotho::embed_assets.`,
  },
  "files/folder-code-left-out": {
    severity: "warning",
    text: (method: string, folder: string, units: readonly string[], files: readonly string[]) =>
      `${method} reads ${folder === "." ? "the project's root folder" : `the folder '${folder}'`} for ${units.length === 1 ? "unit" : "units"} ${units.map((u) => `'${u}'`).join(", ")}, but ${namedList(files)} ${files.length === 1 ? "is" : "are"} not copied there: klotho did not see this code load them (the modules it loads from a listing of a project folder are followed), and copied as they are they would run unanalysed and unrewritten, so another unit's code, annotated code and TypeScript stay out. Import it, or give it to the unit that owns it.`,
  },
  "files/write-read-only": {
    severity: "warning",
    text: (method: string, target: string, units: readonly string[]) => {
      const place = `${target === "." ? "in the folder" : `'${target}' in the folder`} of Lambda ${units.length === 1 ? "unit" : "units"} ${units.map((u) => `'${u}'`).join(", ")}, which is read-only in the cloud (/var/task)`;
      const tmp = "a folder under /tmp (os.tmpdir()), which is writable but emptied with the instance and not shared between instances";
      return method.startsWith("multer")
        ? `${method} creates its upload folder ${place}: it does so when it is set up, so the module fails to load with EROFS, and with it every route of the unit. Use multer.memoryStorage() and keep the files in a persisted fs/promises import (@klotho::persist), or ${tmp}.`
        : `${method} writes ${place}: the call fails with EROFS. Keep the data in a persisted store (@klotho::persist on an fs/promises import or a Map), or write to ${tmp}.`;
    },
  },
  "files/upload-read-only": {
    severity: "warning",
    text: (method: string, target: string, units: readonly string[]) =>
      `${method} writes each upload into '${target}' in the folder of Lambda ${units.length === 1 ? "unit" : "units"} ${units.map((u) => `'${u}'`).join(", ")}, which is read-only in the cloud (/var/task): the unit carries the folder, so setting multer up succeeds, but every upload fails with EROFS. Use multer.memoryStorage() and keep the files in a persisted fs/promises import (@klotho::persist), or a folder under /tmp (os.tmpdir()), which is writable but emptied with the instance and not shared between instances.`,
  },
  "static-unit/takes-unit-code": {
    severity: "error",
    text: (site: string, files: string, unit: string) =>
      `The static_files of static unit '${site}' take ${files}, which execution unit '${unit}' runs: the unit would lose its code and the site would publish it. Narrow static_files to the site's own files.`,
  },
  "static-unit/missing-index": {
    severity: "warning",
    text: (index: string, id: string) => `index_document '${index}' is not the name of any file of the static unit '${id}'.`,
  },
  "static-unit/key-collision": {
    severity: "warning",
    text: (first: string, second: string, id: string) =>
      `${first} and ${second} of the static unit '${id}' would be served at the same path below the index document's folder; every file is served at its project path instead, so the index document is not at the site's root.`,
  },
  "static-unit/folder-conflict": {
    severity: "error",
    text: (id: string, kind: string, other: string, folder: string) =>
      `The static unit '${id}' and the ${kind} '${other}' would share the output folder compiled/${folder}/; give the static unit another id.`,
  },
  "execution-unit/folder-conflict": {
    severity: "error",
    text: (id: string, outer: string) =>
      `The folder of execution unit '${id}' (compiled/${id}/) would be inside that of unit '${outer}' (compiled/${outer}/), whose files would overwrite its own or be overwritten; give '${id}' an id that does not start with '${outer}/'.`,
  },
  "execution-unit/handler-in-other-unit": {
    severity: "warning",
    text: (route: string, file: string, owner: string, unit: string) =>
      `This call hands the request of route ${route} to a function of '${file}', which runs in unit '${owner}'; but unit '${unit}' serves the route, and there that function is a stand-in that does nothing with the request and does not answer it. Make this call the handler's whole work (a handler that only hands its request on to that function) or name the function itself as the route's handler, and the route goes to '${owner}'; or move the work into a file '${unit}' runs.`,
  },
  "assets/runtime-folder": {
    severity: "warning",
    text: (files: readonly string[]) =>
      `${namedList(files)} ${files.length === 1 ? "is" : "are"} not copied into the unit: klotho_runtime/ holds klotho's runtime in every unit folder, so the code would find klotho's files there, not the project's. Rename the project's klotho_runtime folder.`,
  },
  "embed-assets/no-unit": {
    severity: "warning",
    text: (file: string) => `${file} belongs to no execution unit, so the assets it embeds are copied nowhere.`,
  },
  "next/no-build": {
    severity: "warning",
    text: (folder: string) =>
      `No Next.js production build in ${folder} (no BUILD_ID): run \`next build\` before klotho so the unit carries it; without it the app cannot start in the cloud.`,
  },
  "next/dev-mode": {
    severity: "warning",
    text: () =>
      `next({ dev: true }) runs Next.js in development mode in the unit: it compiles pages on request, which needs the page sources and a writable .next/ folder; use dev: false, or dev: process.env.NODE_ENV !== "production" (the unit's image sets NODE_ENV=production).`,
  },
  "next/unknown-dir": {
    severity: "warning",
    text: () => "The dir option of next() is not known when compiling; klotho carries the Next.js app files (.next/, public/, next.config.*) of the project root.",
  },
  "next/dir-outside-project": {
    severity: "warning",
    text: (dir: string) =>
      `The Next.js app folder '${dir}' is outside the project, so its .next/, public/ and next.config.* are not carried into the unit; compile the folder that holds both the server and the app.`,
  },
  "next/missing-dependencies": {
    severity: "warning",
    text: (names: string) =>
      `Not in the dependencies of package.json: ${names}. A unit installs dependencies only (not devDependencies), and a Next.js server needs next, react and react-dom (and typescript to load next.config.ts).`,
  },
  "next/config-missing-dependency": {
    severity: "warning",
    text: (name: string, file: string) =>
      `${file} loads the package '${name}', which is not in the dependencies of package.json: a unit installs dependencies only (not devDependencies), so Next.js fails to load its config when the unit starts. Move it to dependencies, or load it only where it is installed.`,
  },
  "next/traced-file-outside-project": {
    severity: "warning",
    text: (files: readonly string[]) =>
      `next build traced ${namedList(files)}, which the app reads at run time, outside the project: ${files.length === 1 ? "it is" : "they are"} not carried into the unit. Compile the folder that holds ${files.length === 1 ? "it" : "them"} and the app.`,
  },
  "next/traced-file-left-out": {
    severity: "warning",
    text: (files: readonly { readonly path: string; readonly rule?: string }[]) => {
      const named = namedList(files.map((file) => (file.rule === undefined ? file.path : `${file.path} (${file.rule})`)));
      const one = files.length === 1;
      return `next build traced ${one ? "a file" : `${String(files.length)} files`} the project leaves out, ${named}: ${one ? "it is" : "they are"} not carried into the unit, as ignored files and hidden folders often hold secrets (.env files, keys). Give the unit its secrets through the environment; a file the app reads at run time belongs in a folder the project does not leave out.`;
    },
  },
  // parsing
  "parse/syntax-error": { severity: "error", text: (detail: string) => `Syntax error: ${detail}` },
  "parse/too-deep": {
    severity: "warning",
    text: () =>
      "This file nests code deeper than klotho's parser can follow (it ran out of stack), so klotho does not look inside it: it is copied into the units that load it as it is, with the project files its import and require calls name, but routes, stores and clients created in it are not found. Generated code (a long chain of `+`, `else if` or nested literals) is usually the cause; nothing needs to change if the file holds none of those.",
  },
  "parse/too-deep-annotated": {
    severity: "error",
    text: () => "This file nests code deeper than klotho's parser can follow (it ran out of stack), so klotho cannot read its annotations. Move the annotated code to a file of its own, or split the deeply nested expression (a long chain of `+`, `else if` or nested literals) into smaller ones.",
  },
  // annotations
  "annotation/near-miss-marker": {
    severity: "warning",
    text: (written: string, capability: string) => `'${written}' is not read as an annotation: annotations start with '@klotho::' (lower case, two colons), as in '@klotho::${capability}'.`,
  },
  "annotation/unknown-capability": {
    severity: "warning",
    text: (name: string) => `Unknown annotation capability ${name}.`,
  },
  "annotation/unclosed-body": {
    severity: "error",
    text: (capability: string) => `The body of @klotho::${capability} opens with '{' but never closes with '}'.`,
  },
  "annotation/invalid-toml": {
    severity: "error",
    text: (capability: string, problem: TomlProblem) => `Invalid TOML in the @klotho::${capability} annotation: ${tomlProblemText(problem)}`,
  },
  "annotation/invalid-directive": {
    severity: "error",
    text: (capability: string, detail: string) => `Invalid @klotho::${capability} annotation: ${detail}`,
  },
  "annotation/duplicate-id": {
    severity: "error",
    text: (capability: string, id: string, other: string) =>
      `Duplicate @klotho::${capability} id '${id}': it is also declared at ${other}.`,
  },
  "annotation/conflicting-unit": {
    severity: "error",
    text: (id: string, unit: string, other: string) =>
      `@klotho::execution_unit '${id}' in a file that already belongs to unit '${unit}' (declared at ${other}): a file belongs to one execution unit, so '${id}' would never be made. Remove one of the two, or move the code of '${id}' into a file of its own.`,
  },
  "annotation/invalid-glob": {
    severity: "error",
    text: (glob: string, key: string, detail: string) => `Invalid glob '${glob}' in ${key}: ${detail}.`,
  },
  "annotation/path-outside-project": {
    severity: "error",
    text: (glob: string, key: string) =>
      `'${glob}' in ${key} reaches outside the project; globs are relative to the annotated file's folder (or to the project root with a leading '/') and must stay inside the project.`,
  },
  "annotation/invalid-index-document": {
    severity: "error",
    text: (index: string) => `index_document '${index}' must be a file name such as index.html (it is served for every folder of the site), without '/'.`,
  },
  "annotation/invalid-unit-id": {
    severity: "error",
    text: (id: string) =>
      `The execution_unit id '${id}' names the unit's folder (compiled/${id}/): use letters, digits and _ . - in '/'-separated names other than '.' and '..', and not the name of a file klotho writes or keeps (node_modules, .pulumi, Pulumi.<stack>.yaml, <app>.png, ...).`,
  },
  "annotation/invalid-static-id": {
    severity: "error",
    text: (id: string) =>
      `The static_unit id '${id}' names the folder its files are copied to (compiled/${id}/): use letters, digits and _ . - in '/'-separated names other than '.' and '..', and not the name of a file klotho writes (index.ts, <app>.png, ...).`,
  },
  "annotation/not-file-level": {
    severity: "warning",
    text: (capability: string) =>
      `${capability} annotations must be at file level (outside any function or class); this one is ignored.`,
  },
  // Dockerfiles annotated with an execution unit
  "dockerfile/unsupported-capability": {
    severity: "warning",
    text: (capability: string) =>
      `Only @klotho::execution_unit { id = "<unit>" } is read in a Dockerfile; this @klotho::${capability} annotation is ignored.`,
  },
  "dockerfile/unknown-unit": {
    severity: "warning",
    text: (unit: string, units: string) =>
      `This Dockerfile is for execution unit '${unit}', which does not exist (units: ${units}); it is not used.`,
  },
  "dockerfile/duplicate-unit": {
    severity: "warning",
    text: (unit: string, other: string) => `Execution unit '${unit}' already gets the Dockerfile ${other}; this one is not used.`,
  },
  // persist annotations checked against their code
  "persist/invalid-environment-variable": {
    severity: "error",
    text: (name: string, value: string, valid: string) =>
      `Environment variable '${name}' is set to '${value}', which is not a resource attribute klotho provides; use one of: ${valid}.`,
  },
  "persist/mixed-environment-kinds": {
    severity: "error",
    text: (name: string, kind: string, first: string, firstKind: string) =>
      `Environment variable '${name}' names a ${kind} attribute, but '${first}' names a ${firstKind} one; the environment variables of one persist annotation describe one resource.`,
  },
  "persist/environment-kind-mismatch": {
    severity: "error",
    text: (name: string, kind: string, codeKind: string) =>
      `Environment variable '${name}' names a ${kind} attribute, but the annotated code creates a ${codeKind}; use that resource's attributes, or give the variables a persist annotation of their own.`,
  },
  "persist/orm-dialect": {
    severity: "warning",
    text: (dialect: string) =>
      `This client is written for '${dialect}', but klotho provisions PostgreSQL (RDS) and points the client at it: SQL, drivers or a schema made for '${dialect}' may not work there.`,
  },
  "persist/fs-method": {
    severity: "error",
    text: (method: string, id: string) =>
      `'${method}' cannot be called on the persisted fs import '${id}': its S3 file system implements ${FS_LIST}. Write the call with those, or keep this import on the local disk (no @klotho::persist).`,
  },
  "persist/secret-method": {
    severity: "error",
    text: (method: string, id: string) =>
      `'${method}' cannot be called on the secret import '${id}': secrets are read-only, so only readFile is supported.`,
  },
  "persist/secret-name-clash": {
    severity: "error",
    text: (file: string, other: string, name: string) =>
      `The secret '${file}' would have the same name in Secrets Manager as '${other}' ('...-${name}': characters a secret's name cannot hold become '_'), so the two would be one secret. Rename one of the files.`,
  },
  "persist/secret-id-clash": {
    severity: "error",
    text: (file: string, id: string, other: string, otherId: string, name: string) =>
      `The secret '${file}' of persist '${id}' would have the same name in Secrets Manager as '${other}' of persist '${otherId}' ('...-${name}': the name joins the persist id and the file with '-', and characters a secret's name cannot hold become '_'), so the two would be one secret. Rename one of the files or change one of the ids.`,
  },
  "persist/secret-dynamic-path": {
    severity: "error",
    text: (id: string) =>
      `The path read from the secret import '${id}' must be a string literal (or a constant holding one): each path becomes a named secret, so it must be known when compiling.`,
  },
  "persist/secret-not-fs": {
    severity: "warning",
    text: () => "secret = true applies only to an fs/promises import; it is ignored here.",
  },
  // rule files and the provider type table
  "rule-file/not-found": { severity: "error", text: (file: string) => `Rule path '${file}' does not exist.` },
  "rule-file/cases-file": {
    severity: "error",
    text: (file: string) =>
      `'${file}' is a cases file (test cases for the rule file beside it), not a rule file, so it is not loaded as rules: give the rule file or its folder, and run the cases with klotho rules test.`,
  },
  "rule-file/invalid-yaml": { severity: "error", text: (detail: string) => `Invalid YAML in rule file: ${detail}` },
  "rule-file/schema": { severity: "error", text: (detail: string) => `Invalid rule file: ${detail}` },
  "rule-file/unknown-fact": {
    severity: "error",
    text: (fact: string, stage: string, known: string) => `Unknown fact '${fact}' in a ${stage} rule; ${stage} rules can use: ${known}.`,
  },
  "rule-file/unknown-type": {
    severity: "error",
    text: (type: string, provider: string, types: string) =>
      `Unknown type '${type}' in set-type: ${provider} has no such type for any kind of resource, so every compile where this rule fires would fail. ${provider}'s types (and their kinds): ${types}.`,
  },
  "rule-file/unknown-operator": {
    severity: "error",
    text: (operator: string, known: string) =>
      `Unknown operator '${operator}'; operators: ${known} (optionally decorated, e.g. not:equal, someFact:equal).`,
  },
  "rule-file/invalid-operator-value": {
    severity: "error",
    text: (operator: string, expected: string, got: string) => `The '${operator}' operator needs ${expected} as its value; got ${got}.`,
  },
  "rule-file/unsupported-decorator": {
    severity: "error",
    text: (operator: string) =>
      `'${operator}' cannot be used: swap: would turn the fact into the operator's value, and the values of matches, hasKeys and between must be literals checked when the rule file loads. Write the condition without swap:.`,
  },
  "rule-file/invalid-pattern": {
    severity: "error",
    text: (pattern: string, detail: string) =>
      `'${pattern}' is not a valid regular expression for the matches operator: ${detail}. Write JavaScript regular expression source without slashes, e.g. '^acme-[a-z0-9-]+$', and give flags as { pattern, flags }.`,
  },
  "rule-file/unsafe-pattern": {
    severity: "error",
    text: (pattern: string, detail: string) => `The regular expression '${pattern}' is refused because ${detail}.`,
  },
  "rule-file/id-mismatch": {
    severity: "error",
    text: (id: string, expected: string) => `Rule id '${id}' must be '${expected}', the id derived from the file's path.`,
  },
  "rule-file/unprefixed-id": {
    severity: "error",
    text: (id: string) => `Rule id '${id}' needs a prefix naming its owner, e.g. 'acme/${id}'.`,
  },
  "rule-file/event-not-allowed": {
    severity: "error",
    text: (event: string, stage: string) => `A ${stage} rule cannot use the '${event}' event; only capability rules add resources.`,
  },
  // rule cases files (`klotho rules test`)
  "rule-cases/not-found": { severity: "error", text: (file: string) => `Path '${file}' does not exist; give rule or cases files or folders holding them.` },
  "rule-cases/invalid-yaml": { severity: "error", text: (detail: string) => `Invalid YAML in cases file: ${detail}` },
  "rule-cases/schema": { severity: "error", text: (detail: string) => `Invalid cases file: ${detail}` },
  "rule-cases/no-rule": {
    severity: "error",
    text: (detail: string) => `No rule for these cases: ${detail}.`,
  },
  "rule-cases/unknown-fact": {
    severity: "error",
    text: (fact: string, ruleId: string, stage: string, known: string) =>
      `Unknown fact '${fact}' in a case of ${ruleId}, a ${stage} rule; ${stage} rules see: ${known}.`,
  },
  "rule-cases/duplicate-name": {
    severity: "error",
    text: (name: string, line: number) => `Two cases are named '${name}' (the first at line ${line}); give each case its own name.`,
  },
  "provider-types/invalid": { severity: "error", text: (detail: string) => `Invalid provider type table: ${detail}` },
  // rule outcomes
  "rule/warn": {
    severity: "warning",
    text: (message: string) => message,
  },
  "rule/deny": {
    severity: "error",
    text: (resource: string, message: string, ruleId: string, file: string, description: string) =>
      `${resource}: ${message} (denied by rule ${ruleId} in ${file}: ${description})`,
  },
  "rule/invalid-event": {
    severity: "error",
    text: (ruleId: string, file: string, detail: string) => `Rule ${ruleId} (${file}) cannot be applied: ${detail}`,
  },
  "rule/rule-error": {
    severity: "error",
    text: (rule: string, detail: string) => `Rule ${rule} could not be evaluated: ${detail}. Check its conditions' operators, values and paths, and the fact references in its event's params.`,
  },
  "rule/engine-error": {
    severity: "error",
    text: (stage: string, detail: string) => `The ${stage} rules could not be evaluated: ${detail}`,
  },
  "rule/unknown-type": {
    severity: "error",
    text: (ruleId: string, file: string, type: string, kind: string, valid: string) =>
      `Rule ${ruleId} (${file}) sets type '${type}' on ${withArticle(kind)}, which is not one of its types: ${valid}.`,
  },
  // configuration applied to the plan
  "config/unknown-type": {
    severity: "error",
    text: (type: string, what: string, valid: string) => `Unknown type '${type}' for ${what}; valid types: ${valid}.`,
  },
  "config/unknown-id": {
    severity: "warning",
    text: (section: string, id: string) => `klotho.yaml ${section}: '${id}' matches no resource; its settings are ignored.`,
  },
  "config/environment-not-unit": {
    severity: "warning",
    text: (section: string, id: string) =>
      `klotho.yaml ${section}.${id}.environment_variables is ignored: only execution units receive environment variables; set them under execution_units.<unit id>.environment_variables.`,
  },
  "config/unknown-params-type": {
    severity: "warning",
    text: (type: string, what: string, valid: string) =>
      `pulumi_params_by_type names '${type}', which is not a type of ${what} (valid types: ${valid}); its params are ignored.`,
  },
  // the plan
  "plan/duplicate-persist": {
    severity: "error",
    text: (id: string, other: string) =>
      `Two persisted resources share the id '${id}' (the other is declared at ${other}); persist ids must be unique across kinds.`,
  },
  "plan/no-type": {
    severity: "error",
    text: (resource: string, kind: string) =>
      `No cloud type was chosen for ${resource}: no provider rule or klotho.yaml default gives one for kind '${kind}'.`,
  },
  "plan/unknown-route-unit": {
    severity: "error",
    text: (route: string, gateway: string, unit: string, added: string, units: string) =>
      `Route ${route} of ${gateway} is served by unit '${unit}'${added}, which is not an execution unit of the app (its units: ${units}).`,
  },
  "plan/dangling-edge": {
    severity: "warning",
    text: (source: string, target: string, missing: string) =>
      `The edge ${source} -> ${target} refers to ${missing}, which is not a resource; the edge is dropped.`,
  },
  "plan/environment-conflict": {
    severity: "error",
    text: (unit: string, name: string, first: string, second: string) =>
      `Execution unit '${unit}' would receive environment variable '${name}' from both ${first} and ${second}; give the variables different names.`,
  },
  "network/no-internet": {
    severity: "warning",
    text: (what: string, awsService: string | undefined, units: readonly string[], why: string, stores: string) => {
      const subject = units.length === 1 ? `unit ${units.join("")} runs` : `units ${namedList(units)} run`;
      const needs = awsService === undefined ? `${what} makes requests to the internet` : `${what} calls the AWS service '${awsService}', which has no VPC endpoint this code can use`;
      return `${needs}, but ${subject} in the VPC's private subnets, which have no route to the internet (no NAT gateway), so the request times out; ${why}. Move the code that needs the internet to a unit that uses no database or cache, or move the code that uses ${stores} out of ${units.length === 1 ? "this unit" : "these units"}; \`klotho explain network\` shows where each unit runs and why.`;
    },
  },
  "plan/invalid": {
    severity: "error",
    text: (detail: string) => `Internal error: the plan does not match schemas/plan.schema.json: ${detail}`,
  },
  // the units' code
  "transform/emit-too-deep": {
    severity: "error",
    text: () => "TypeScript's compiler ran out of stack on this file (it nests code deeper than the compiler follows), so klotho cannot emit its JavaScript (tsc, which runs the same compiler, fails on it too). Split the deeply nested expression (a long chain of `else if`, nested literals or calls) into smaller ones.",
  },
  "transform/declaration-only-value": {
    severity: "warning",
    text: (name: string, specifier: string, file: string) =>
      `'${name}' is used as a value, but '${specifier}' has only a declaration file for it (${file}): no JavaScript defines it, so the unit fails when it loads this file. klotho inlines the members of a const enum declared there when their values are constants, as tsc does; declare anything else (a regular enum, a class, a function) in a .ts or .js file.`,
  },
  "transform/undeclared-package": {
    severity: "warning",
    text: (name: string, declared: { readonly field: string; readonly file: string } | undefined, manifests: readonly string[], units: readonly string[]) => {
      const named = units.length > 1 && units.length <= 3 ? `${units.slice(0, -1).join(", ")} and ${units.at(-1) ?? ""}` : namedList(units);
      const installs = units.length === 1 ? `unit ${named} installs` : `units ${named} install`;
      const target = declared?.file ?? manifests[0] ?? "package.json";
      const command = target === "package.json" ? ` (npm install --save-prod ${name})` : "";
      const why = declared
        ? `is only in the ${declared.field} of ${declared.file}: ${installs} dependencies only (not ${declared.field})`
        : `is not declared in ${manifests.join(" or ")}: ${installs} only the dependencies declared there`;
      return `The package '${name}' ${why}, so loading it fails in the cloud (Cannot find module '${name}'), even when it works locally from node_modules. ${declared ? "Move" : "Add"} it to the dependencies of ${target}${command}.`;
    },
  },
  "transform/prisma-schema-missing": {
    severity: "warning",
    text: (unit: string, schema: string) =>
      `Unit '${unit}' makes a PrismaClient, which works only once \`prisma generate\` has read the schema, but the project holds no '${schema}' (package.json \`prisma.schema\`, else prisma/schema.prisma) to carry into the unit's image, so its client cannot be generated there.`,
  },
  // the Pulumi program
  "render/unsupported-type": {
    severity: "error",
    text: (id: string, type: string, supported: string) =>
      `${id} has type '${type}', which the Pulumi program cannot create yet; choose one of: ${supported} (klotho.yaml type).`,
  },
  "render/invalid-param": {
    severity: "error",
    text: (id: string, key: string, expected: string, value: string) => `Parameter '${key}' of ${id} must be ${expected}; it is ${value}.`,
  },
  "render/unknown-param": {
    severity: "warning",
    text: (id: string, key: string, type: string, known: string) =>
      `Parameter '${key}' of ${id} is not used by the Pulumi program for type ${type} (its parameters: ${known}); it is ignored.`,
  },
  "render/environment-conflict": {
    severity: "error",
    text: (unit: string, name: string, first: string, second: string) =>
      `Execution unit '${unit}' would receive environment variable '${name}' from both ${first} and ${second}; they must not share a name.`,
  },
  "render/invalid-environment-name": {
    severity: "error",
    text: (unit: string, name: string, from: string) =>
      `Environment variable '${name}' of execution unit '${unit}' (from ${from}) is not a name AWS accepts: use a letter, then letters, digits and underscores, and none of the names Lambda reserves (AWS_REGION, _HANDLER, ...).`,
  },
  "render/widened-route": {
    severity: "info",
    text: (route: string, gateway: string, path: string, unit: string, absorbed = false) =>
      absorbed
        ? `API Gateway holds one parameter per path level and a greedy one ends the path: the route '${route}' shares its level with a greedy parameter, so gateway '${gateway}' sends '${path}' to unit '${unit}', whose app matches the exact path.`
        : `API Gateway cannot declare the route '${route}', so gateway '${gateway}' sends '${path}' to unit '${unit}', whose app matches the exact path.`,
  },
  "render/api-quota": {
    severity: "warning",
    text: (gateway: string, count: number, what: string) =>
      `Gateway '${gateway}' declares ${count} ${what}; API Gateway allows 300 per API unless you ask AWS to raise the quota (Service Quotas, before you deploy).`,
  },
  "render/route-conflict": {
    severity: "error",
    text: (gateway: string, route: string, units: string) =>
      `Gateway '${gateway}' would send '${route}' to several units (${units}); API Gateway routes a method and path to one unit.`,
  },
  "render/environment-size": {
    severity: "warning",
    text: (unit: string, count: number, size: number, limit: number) =>
      `Lambda unit '${unit}' would get ${String(count)} environment variables of about ${String(size)} bytes (as JSON, a topic's ARN counted at its longest, another ARN or host as 70), over Lambda's ${String(limit)}-byte limit: the deployment would fail. A topic service gets a variable per event, so fewer event names, or an emitter per concern, helps.`,
  },
  "render/ecs-no-server": {
    severity: "warning",
    text: (unit: string, port: number) =>
      `Execution unit '${unit}' runs on ECS but no gateway routes to it: its container must keep running and answer the load balancer's health check (GET / on port ${String(port)}), or ECS stops and restarts it. A unit that only does background work is better as a Lambda unit.`,
  },
  "render/ecs-subscriber": {
    severity: "warning",
    text: (unit: string, topic: string, service: string) =>
      `Execution unit '${unit}' is an ECS service, which SNS cannot deliver to yet: its listeners for '${topic}' of '${service}' hear only events emitted in its own process.`,
  },
} as const satisfies Record<string, MessageSpec>;

/** The shape of one catalogue entry. */
export interface MessageSpec {
  readonly severity: "error" | "warning" | "info";
  readonly text: (...args: never[]) => string;
}

/** A stable diagnostic code such as `annotation/invalid-toml`. */
export type DiagnosticCode = keyof typeof messages;

/** The arguments the message text of `code` takes. */
export type MessageArgs<C extends DiagnosticCode> = Parameters<(typeof messages)[C]["text"]>;
