import type { SourceRange } from "../util/source-range.js";

/** HTTP methods as they appear in the plan: upper case, `ANY` for Express's `all`. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS" | "HEAD" | "ANY";

/**
 * Something the extractors found in the code. Objects (apps, routers, maps, clients) are named by
 * their allocation site, `<file>:<offset>` of the expression that creates them, so the same object
 * seen from several files has one id.
 */
export type Fact =
  | { readonly kind: "http_app"; readonly framework: HttpFramework; readonly id: string; readonly name?: string; readonly range: SourceRange }
  | {
      readonly kind: "http_router";
      readonly framework: HttpFramework;
      readonly id: string;
      /** The variable or class holding the router (a NestJS controller's class name). */
      readonly name?: string;
      readonly range: SourceRange;
    }
  | {
      readonly kind: "http_route";
      /** The app or router the route is registered on. */
      readonly owner: string;
      readonly method: HttpMethod;
      /** Express path syntax, wildcards already rewritten (`/x/*` → `/x/:rest*`). */
      readonly path: string;
      /** The file of the function answering it, when that is another file (`app.post("/hook", billing.handler)`). */
      readonly handler?: string;
      /** A handler may hand the request on (`router.all("*", requireAuth)`): it runs for requests the routes after it answer. */
      readonly passes?: true;
      /** The other files whose functions handle it (`app.post("/pay", payments.verifySignature, pay)`): the unit serving it runs them. */
      readonly uses?: readonly string[];
      /**
       * Calls in its handlers written in its file that give their request on to a function of another file
       * but are not the handler's whole work (then that file is `handler`): the units stage warns when that
       * file runs in another unit than the route, where the function is a stand-in that answers nothing.
       */
      readonly calls?: readonly { readonly file: string; readonly range: SourceRange }[];
      readonly range: SourceRange;
    }
  | {
      readonly kind: "http_mount";
      readonly parent: string;
      /** The mounted router or app; absent when it could not be found (then `unresolved` says what was mounted) or is a handler. */
      readonly child?: string;
      readonly unresolved?: string;
      /**
       * A request handler mounted at the prefix, not a router (`use("/graphql", graphqlHTTP(...))`): its
       * source, for messages. It may answer any method at the prefix and below, as a router would.
       */
      readonly handler?: string;
      /** True when the handler surely answers (a function without `next`); else it may be middleware (`cors()`). */
      readonly answers?: boolean;
      readonly prefix: string;
      readonly range: SourceRange;
    }
  | { readonly kind: "http_listen"; readonly app: string; readonly range: SourceRange }
  | {
      /** A Next.js app made by `next({ dev, dir })`. */
      readonly kind: "next_app";
      readonly id: string;
      readonly name?: string;
      /** The app's folder, project-relative (`.` is the project root, where `next()` without `dir` looks); absent when `dir` is not known when compiling. */
      readonly dir?: string;
      /** The `dev` option, when it is a literal `true` or `false`. */
      readonly dev?: boolean;
      readonly range: SourceRange;
    }
  | {
      /** A Next.js request handler, `app.getRequestHandler()`. */
      readonly kind: "next_handler";
      /** The Next app it serves. */
      readonly app: string;
      readonly range: SourceRange;
    }
  | { readonly kind: "kv_map"; readonly id: string; readonly name?: string; readonly range: SourceRange }
  | {
      readonly kind: "redis_client";
      readonly id: string;
      readonly name?: string;
      readonly library: "redis" | "ioredis";
      readonly cluster: boolean;
      readonly range: SourceRange;
    }
  | {
      /** An `fs` module value: an import of `fs` or `fs/promises` (any form), or the `promises` property of an `fs` import. */
      readonly kind: "fs_import";
      readonly id: string;
      readonly name?: string;
      /** True for the promise API (`fs/promises`, `fs.promises`), false for the callback and sync `fs` module. */
      readonly promises: boolean;
      readonly range: SourceRange;
    }
  | {
      readonly kind: "orm_client";
      readonly id: string;
      readonly name?: string;
      readonly library: OrmLibrary;
      /** The database the code says the client is for (`dialect`, `type`, `client`, a URL's scheme), as written. */
      readonly dialect?: string;
      readonly range: SourceRange;
    }
  | {
      readonly kind: "object_use";
      /** The id of the used object (a kv map, a redis client, an fs/promises import, an ORM client). */
      readonly target: string;
      /** The method called, e.g. `set`; `call` when the object itself is called (`knex("users")`). */
      readonly method: string;
      /** For fs calls: the path argument, when it is a static string. */
      readonly path?: string;
      readonly range: SourceRange;
    }
  | {
      /** A project file or folder the code reads at run time, by a path known when compiling (fs calls, `res.sendFile`, `express.static`). */
      readonly kind: "file_read";
      /** Project-relative POSIX path, normalised: `.` is the project root, `../x` is outside it. */
      readonly path: string;
      /** True when the files in the folder are read (`readdir`, `express.static`), false for one path (which may still be a folder). */
      readonly folder: boolean;
      /** True for a call that only asks whether the path exists (`existsSync`, `stat`, `access`): a missing file is expected. */
      readonly probe?: true;
      /** The function called: `readFileSync`, `sendFile`, `express.static`, ... */
      readonly method: string;
      /** The `fs/promises` import the call goes through: a persisted one is a cloud store, whose paths are keys, not files. */
      readonly store?: string;
      readonly range: SourceRange;
    }
  | {
      /**
       * A project file or folder the code writes at run time, by a path known when compiling: fs calls that
       * write, create or replace (`writeFileSync`, `mkdir`, `createWriteStream`, the target of `rename` and
       * `copyFile`), multer's upload folder (`dest`, `diskStorage({ destination })`), which it creates when made.
       */
      readonly kind: "file_write";
      /** Project-relative POSIX path, normalised: `.` is the project root, `../x` is outside it. */
      readonly path: string;
      /** The function called: `writeFileSync`, `rename`, `multer`, `multer.diskStorage`, ... */
      readonly method: string;
      /** The `fs/promises` import the call goes through: a persisted one is a cloud store, whose paths are keys, not files. */
      readonly store?: string;
      /** A `mkdir` given `{ recursive: true }`: it succeeds on a folder that exists, even on a read-only disk. */
      readonly recursive?: true;
      /** Written in a branch that runs only outside production (`if (process.env.NODE_ENV !== "production")`): not run in the cloud. */
      readonly development?: true;
      readonly range: SourceRange;
    }
  | {
      /**
       * A function registered with `use()` (Express, Koa): middleware, which runs for the requests of
       * whichever unit serves them, so the file it is written in runs in each of those units.
       */
      readonly kind: "http_middleware";
      /** The app or router it is registered on. */
      readonly parent: string;
      /** The file the function is written in; for a value klotho cannot see into (`helmet()`), the file of the `use()`. */
      readonly file: string;
      /** CORS middleware (`cors()`, NestJS's `enableCors()`): the path prefix under which it answers preflight `OPTIONS` requests. */
      readonly cors?: string;
      readonly range: SourceRange;
    }
  | {
      /** `express.static(folder)` mounted with `use()`, or NestJS's `useStaticAssets`: its files are served under `prefix`. */
      readonly kind: "http_static";
      /** What serves them, when not `express.static` (`useStaticAssets`), for messages. */
      readonly server?: string;
      /** The app or router it is mounted on. */
      readonly parent: string;
      readonly prefix: string;
      /** The served folder, project-relative, when klotho knows it. */
      readonly folder?: string;
      readonly range: SourceRange;
    }
  | { readonly kind: "import"; readonly specifier: string; readonly resolved?: string; readonly range: SourceRange }
  | {
      /**
       * An instance of a class of the program that a NestJS app runs for every request, registered with
       * `app.useGlobalGuards(new AuthGuard())` (or `useGlobalInterceptors`, `useGlobalFilters`, `useGlobalPipes`):
       * every unit holding the call must hold the class's file.
       */
      readonly kind: "nestjs_global_enhancer";
      /** The app's method registering it (`useGlobalGuards`). */
      readonly method: string;
      /** The class's name (its declaration's, whatever name the registering file gives it). */
      readonly name: string;
      /** The file the class is written in. */
      readonly file: string;
      /** The argument giving the instance (`new AuthGuard()`), or the call when its arguments are spread. */
      readonly range: SourceRange;
    }
  | {
      readonly kind: "kv_sync_use";
      /** The kv map used as only an in-memory Map can be: its `size` read, or iterated without `await`. */
      readonly target: string;
      readonly use: "size" | "iteration";
      readonly range: SourceRange;
    }
  | {
      readonly kind: "unawaited_call";
      /** The kv map whose method was called. */
      readonly target: string;
      readonly method: string;
      /**
       * A call of a function of the program that returns the map method's promise (`getUser(id)` running
       * `return users.get(id)`): the callee as written, for messages. `range` is then that call, and `read` the map call.
       */
      readonly through?: string;
      readonly read?: SourceRange;
      /** The call, whose promise is dropped: not awaited, returned, chained or passed to Promise.all. */
      readonly range: SourceRange;
    }
  | { readonly kind: "emitter"; readonly id: string; readonly name?: string; readonly range: SourceRange }
  | {
      readonly kind: "emitter_export";
      /** The emitter a module exports. */
      readonly target: string;
      /** The exporting module (project-relative). */
      readonly module: string;
      /** The export's name (`default`, `module.exports`, or `<export>.<property>` for an exported object's property). */
      readonly name: string;
      /** The emitter's creation, so the fact is bound to the annotation on it. */
      readonly range: SourceRange;
    }
  | {
      readonly kind: "emitter_event";
      readonly target: string;
      /** `publish` for `emit`, `subscribe` for `on`, `once`, `addListener` and the `prepend` forms. */
      readonly role: "publish" | "subscribe";
      readonly method: string;
      /** The event name, when it is a known string. */
      readonly topic?: string;
      /** No known name, and the name is a parameter of the enclosing function (`publish(event) { bus.emit(event) }`): its callers name it. */
      readonly forwarded?: true;
      /**
       * A listener registered by code another file's code calls (`registerAudit()` from b.js): it runs
       * where that code runs, not whenever its own file loads (top-level code, what that code calls in
       * the file, a library's callback such as a NestJS lifecycle hook).
       */
      readonly calledElsewhere?: true;
      /**
       * An emit whose known name a helper forwards from its parameter (`publish("a.done")` running
       * `publish(event) { bus.emit(event) }`): the helper's call, when it is written in another file
       * than the emit. The units running that file publish the event.
       */
      readonly calledFrom?: SourceRange;
      readonly range: SourceRange;
    };

/** The web frameworks whose apps, routers and routes klotho recognises; `node` is a plain `http.createServer(handler)`. */
export type HttpFramework = "express" | "nestjs" | "fastify" | "koa" | "node";

/** The ORM libraries whose clients klotho recognises. */
export type OrmLibrary = "sequelize" | "typeorm" | "prisma" | "knex";

/** The kind of a fact. */
export type FactKind = Fact["kind"];

/** The fact of kind `K`. */
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;
