import { describe, expect, it } from "vitest";
import { nestPaths } from "../../src/facts/extractors/nestjs/paths.js";
import { analyzeProgram, analyzeUnits, lines, summarizeDiagnostics, summarizeFacts, summarizeRoutes, type SourceTree } from "../helpers/program.js";

interface NestCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
  readonly diagnostics?: readonly string[];
}

/** `main.ts`: an app made from `module` (imported from `file`) in bootstrap(), listening. */
const main = (module = "AppModule", file = "./app.module", ...configure: string[]): string =>
  lines(
    `import { NestFactory } from "@nestjs/core";`,
    `import { ${module} } from "${file}";`,
    "async function bootstrap() {",
    `  const app = await NestFactory.create(${module});`,
    ...configure.map((line) => `  ${line}`),
    "  await app.listen(3000);",
    "}",
    "bootstrap();",
  );

const KINDS = ["http_app", "http_router", "http_route", "http_mount", "http_listen"] as const;

const cases: NestCase[] = [
  {
    name: "a controller with every verb decorator, with and without paths",
    files: {
      "c.ts": lines(
        `import { All, Controller, Delete, Get, Head, Options, Patch, Post, Put, Sse } from "@nestjs/common";`,
        `@Controller("notes")`,
        "export class NotesController {",
        "  @Get() list() {}",
        `  @Get(":id") one() {}`,
        `  @Post() create() {}`,
        `  @Put(":id") replace() {}`,
        `  @Patch(":id") update() {}`,
        `  @Delete(":id") remove() {}`,
        `  @Options("") options() {}`,
        `  @Head(":id") head() {}`,
        `  @All(["a", "b"]) all() {}`,
        `  @Sse("events") events() {}`,
        "}",
      ),
    },
    expected: [
      "http_router c.ts:2 NotesController",
      "http_route c.ts:4 GET / on c.ts:2",
      "http_route c.ts:5 GET /:id on c.ts:2",
      "http_route c.ts:6 POST / on c.ts:2",
      "http_route c.ts:7 PUT /:id on c.ts:2",
      "http_route c.ts:8 PATCH /:id on c.ts:2",
      "http_route c.ts:9 DELETE /:id on c.ts:2",
      "http_route c.ts:10 OPTIONS / on c.ts:2",
      "http_route c.ts:11 HEAD /:id on c.ts:2",
      "http_route c.ts:12 ANY /a on c.ts:2",
      "http_route c.ts:12 ANY /b on c.ts:2",
      "http_route c.ts:13 GET /events on c.ts:2",
    ],
  },
  {
    name: "controller paths: a string, an array, options with and without a path, none; the global prefix joins every one",
    files: {
      "main.ts": main("AppModule", "./app.module", `app.setGlobalPrefix("api");`),
      "app.module.ts": lines(
        `import { Module } from "@nestjs/common";`,
        `import { A, B, C, D, E } from "./controllers";`,
        "@Module({",
        "  controllers: [A, B,",
        "    C, D, E],",
        "})",
        "export class AppModule {}",
      ),
      "controllers.ts": lines(
        `import { Controller, Get } from "@nestjs/common";`,
        `@Controller("/a/") export class A { @Get("x") x() {} }`,
        `@Controller(["b1", "b2/:id"]) export class B { @Get() x() {} }`,
        `@Controller({ path: "c", host: "c.example.com" }) export class C { @Get() x() {} }`,
        `@Controller({ version: "1" }) export class D { @Get("d") x() {} }`,
        "@Controller() export class E { @Get() x() {} }",
      ),
    },
    expected: [
      "http_mount app.module.ts:4 /api/a controllers.ts:2 on main.ts:4",
      "http_mount app.module.ts:4 /api/b1 controllers.ts:3 on main.ts:4",
      "http_mount app.module.ts:4 /api/b2/:id controllers.ts:3 on main.ts:4",
      "http_mount app.module.ts:5 /api/c controllers.ts:4 on main.ts:4",
      "http_mount app.module.ts:5 /api controllers.ts:5 on main.ts:4",
      "http_mount app.module.ts:5 /api controllers.ts:6 on main.ts:4",
      "http_router controllers.ts:2 A",
      "http_route controllers.ts:2 GET /x on controllers.ts:2",
      "http_router controllers.ts:3 B",
      "http_route controllers.ts:3 GET / on controllers.ts:3",
      "http_router controllers.ts:4 C",
      "http_route controllers.ts:4 GET / on controllers.ts:4",
      "http_router controllers.ts:5 D",
      "http_route controllers.ts:5 GET /d on controllers.ts:5",
      "http_router controllers.ts:6 E",
      "http_route controllers.ts:6 GET / on controllers.ts:6",
      "http_app main.ts:4 app",
      "http_listen main.ts:6 main.ts:4",
    ],
  },
  {
    name: "imported modules' controllers, to any depth, each module once (a forwardRef cycle), and a dynamic module",
    files: {
      "main.ts": main(),
      "app.module.ts": lines(
        `import { Module, forwardRef } from "@nestjs/common";`,
        `import { UsersModule } from "./users/users.module";`,
        `import { AdminModule } from "./admin.module";`,
        `import { ConfigModule } from "@nestjs/config";`,
        "@Module({ imports: [ConfigModule.forRoot(), forwardRef(() => UsersModule), AdminModule.register()] })",
        "export class AppModule {}",
      ),
      "users/users.module.ts": lines(
        `import { Module, forwardRef } from "@nestjs/common";`,
        `import { AppModule } from "../app.module";`,
        `import { UsersController } from "./users.controller";`,
        `import { ProfilesModule } from "./profiles.module";`,
        "@Module({ imports: [forwardRef(() => AppModule), ProfilesModule], controllers: [UsersController] })",
        "export class UsersModule {}",
      ),
      "users/profiles.module.ts": lines(
        `import { Module } from "@nestjs/common";`,
        `import { ProfilesController } from "./users.controller";`,
        "@Module({ controllers: [ProfilesController] })",
        "export class ProfilesModule {}",
      ),
      "users/users.controller.ts": lines(
        `import { Controller, Get } from "@nestjs/common";`,
        `@Controller("users") export class UsersController { @Get() list() {} }`,
        `@Controller("profiles") export class ProfilesController { @Get(":id") one() {} }`,
      ),
      "admin.module.ts": lines(
        `import { Controller, Get, Module } from "@nestjs/common";`,
        `@Controller("admin") class AdminController { @Get() home() {} }`,
        "@Module({})",
        "export class AdminModule {",
        "  static register() {",
        "    return { module: AdminModule, controllers: [AdminController] };",
        "  }",
        "}",
      ),
    },
    expected: [
      "http_router admin.module.ts:2 AdminController",
      "http_route admin.module.ts:2 GET / on admin.module.ts:2",
      "http_mount admin.module.ts:6 /admin admin.module.ts:2 on main.ts:4",
      "http_app main.ts:4 app",
      "http_listen main.ts:5 main.ts:4",
      "http_mount users/profiles.module.ts:3 /profiles users/users.controller.ts:3 on main.ts:4",
      "http_router users/users.controller.ts:2 UsersController",
      "http_route users/users.controller.ts:2 GET / on users/users.controller.ts:2",
      "http_router users/users.controller.ts:3 ProfilesController",
      "http_route users/users.controller.ts:3 GET /:id on users/users.controller.ts:3",
      "http_mount users/users.module.ts:5 /users users/users.controller.ts:2 on main.ts:4",
    ],
  },
  {
    name: "NestFactory.create in a function that returns the app, typed, with options, listened in then()",
    files: {
      "main.ts": lines(
        `import * as core from "@nestjs/core";`,
        `import { AppModule } from "./app.module";`,
        "export async function createApp() {",
        "  const app = await core.NestFactory.create<NestExpressApplication>(AppModule, { cors: true });",
        `  app.setGlobalPrefix("v2");`,
        "  return app;",
        "}",
        "createApp().then((app) => app.listen(80));",
      ),
      "app.module.ts": lines(
        `const { Controller, Get, Module } = require("@nestjs/common");`,
        `@Controller("ping") class Ping { @Get() ping() {} }`,
        "@Module({ controllers: [Ping] }) export class AppModule {}",
      ),
    },
    expected: [
      "http_router app.module.ts:2 Ping",
      "http_route app.module.ts:2 GET / on app.module.ts:2",
      "http_mount app.module.ts:3 /v2/ping app.module.ts:2 on main.ts:4",
      "http_app main.ts:4 app",
      "http_listen main.ts:8 main.ts:4",
    ],
  },
  {
    name: "composed decorators (applyDecorators, a decorator of the user's) and Nest 11 path syntax",
    files: {
      "main.ts": main("AppModule", "./app"),
      "app.ts": lines(
        `import { Controller, Get, Module, applyDecorators, UseGuards } from "@nestjs/common";`,
        `const Api = (path: string) => applyDecorators(Controller(path), UseGuards());`,
        `@Api("files") class Files {`,
        `  @Get("*") any() {}`,
        `  @Get("raw/*path") raw() {}`,
        `  @Get("docs{/:page}") docs() {}`,
        "}",
        "@Module({ controllers: [Files] }) export class AppModule {}",
      ),
    },
    expected: [
      "http_router app.ts:3 Files",
      "http_route app.ts:4 GET / on app.ts:3",
      "http_route app.ts:4 GET /:path* on app.ts:3",
      "http_route app.ts:5 GET /raw/:path* on app.ts:3",
      "http_route app.ts:6 GET /docs on app.ts:3",
      "http_route app.ts:6 GET /docs/:page on app.ts:3",
      "http_mount app.ts:8 /files app.ts:3 on main.ts:4",
      "http_app main.ts:4 app",
      "http_listen main.ts:5 main.ts:4",
    ],
  },
  {
    name: "paths that are not known when compiling are reported where they are written",
    files: {
      "main.ts": main("AppModule", "./app", "app.setGlobalPrefix(process.env.PREFIX);"),
      "app.ts": lines(
        `import { Controller, Get, Module } from "@nestjs/common";`,
        "@Controller(process.env.BASE) class Dynamic {",
        "  @Get(process.env.ROUTE) dynamic() {}",
        `  @Get("fixed") fixed() {}`,
        "}",
        "@Module({ controllers: [Dynamic] }) export class AppModule {}",
      ),
    },
    expected: [
      "http_router app.ts:2 Dynamic",
      "http_route app.ts:4 GET /fixed on app.ts:2",
      "http_app main.ts:4 app",
      "http_listen main.ts:6 main.ts:4",
    ],
    diagnostics: [
      "nestjs/dynamic-path app.ts:3 The path of this GET route is not a string klotho can read (only literals and constants are), so the gateway has no route for it: requests for it get 404 unless another route (a wildcard) covers them.",
      "nestjs/dynamic-prefix app.ts:2 The path of controller 'Dynamic' is not a string literal, so klotho cannot tell where its routes are served; they are not exposed on their own.",
      "nestjs/dynamic-prefix main.ts:5 The path of the global prefix is not a string literal, so klotho cannot tell where its routes are served; they are not exposed on their own.",
    ],
  },
  {
    name: "RouterModule.register: a module's own controllers under its path, children joined to their parent's (route objects and module classes)",
    files: {
      "main.ts": main("AppModule", "./app", `app.setGlobalPrefix("api");`),
      "app.ts": lines(
        `import { Controller, Get, Module } from "@nestjs/common";`,
        `import { RouterModule } from "@nestjs/core";`,
        `@Controller("orders") class OrdersController { @Get(":id") one() {} }`,
        `@Controller("stats") class StatsController { @Get() all() {} }`,
        `@Controller("audit") class AuditController { @Get() all() {} }`,
        `@Controller("health") class HealthController { @Get() ok() {} }`,
        "@Module({ controllers: [AuditController] }) class AuditModule {}",
        "@Module({ controllers: [StatsController], imports: [AuditModule] }) class AdminModule {}",
        "@Module({ controllers: [OrdersController] }) class ShopModule {}",
        "@Module({",
        "  controllers: [HealthController],",
        `  imports: [ShopModule, AdminModule, RouterModule.register([{ path: "shop", module: ShopModule }, { path: "admin", module: AdminModule, children: [{ path: "audit", module: AuditModule }, ShopModule] }])],`,
        "})",
        "export class AppModule {}",
      ),
    },
    expected: [
      "http_router app.ts:3 OrdersController",
      "http_route app.ts:3 GET /:id on app.ts:3",
      "http_router app.ts:4 StatsController",
      "http_route app.ts:4 GET / on app.ts:4",
      "http_router app.ts:5 AuditController",
      "http_route app.ts:5 GET / on app.ts:5",
      "http_router app.ts:6 HealthController",
      "http_route app.ts:6 GET / on app.ts:6",
      "http_mount app.ts:7 /api/admin/audit/audit app.ts:5 on main.ts:4",
      "http_mount app.ts:8 /api/admin/stats app.ts:4 on main.ts:4",
      "http_mount app.ts:9 /api/admin/orders app.ts:3 on main.ts:4",
      "http_mount app.ts:9 /api/shop/orders app.ts:3 on main.ts:4",
      "http_mount app.ts:11 /api/health app.ts:6 on main.ts:4",
      "http_app main.ts:4 app",
      "http_listen main.ts:6 main.ts:4",
    ],
  },
  {
    name: "setGlobalPrefix's exclude is a warning; versioning without any version is not (URI, header, media type, default)",
    files: {
      "main.ts": main(
        "AppModule",
        "./app",
        `app.setGlobalPrefix("api", { exclude: ["health"] });`,
        "app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Version' });",
        "app.enableVersioning({ type: common.VersioningType.MEDIA_TYPE, key: 'v=' });",
        "app.enableVersioning();",
        "app.enableVersioning({ type: VersioningType.URI, defaultVersion: VERSION_NEUTRAL });",
      ).replace(
        `import { NestFactory } from "@nestjs/core";`,
        `import { NestFactory } from "@nestjs/core";\nimport * as common from "@nestjs/common";\nimport { VERSION_NEUTRAL, VersioningType } from "@nestjs/common";`,
      ),
      "app.ts": lines(
        `import { Controller, Get, Module } from "@nestjs/common";`,
        `@Controller("cats") export class Cats { @Get() list() {} }`,
        "@Module({ controllers: [Cats] }) export class AppModule {}",
      ),
    },
    expected: ["http_router app.ts:2 Cats", "http_route app.ts:2 GET / on app.ts:2", "http_mount app.ts:3 /api/cats app.ts:2 on main.ts:6", "http_app main.ts:6 app", "http_listen main.ts:12 main.ts:6"],
    diagnostics: [
      "nestjs/prefix-exclude main.ts:7 The exclude option of setGlobalPrefix is not applied: klotho exposes the excluded routes under the prefix, where Nest does not serve them.",
    ],
  },
  {
    name: "URI versioning: the default version, a controller's own (string, array, neutral), the prefix option, after the global prefix and before RouterModule's path",
    files: {
      "main.ts": main(
        "AppModule",
        "./app",
        `app.setGlobalPrefix("api");`,
        `app.enableVersioning({ type: VersioningType.URI, defaultVersion: "1" });`,
      ).replace(`import { NestFactory } from "@nestjs/core";`, `import { NestFactory } from "@nestjs/core";\nimport { VersioningType } from "@nestjs/common";`),
      "app.ts": lines(
        `import { Controller, Get, Module, Version, VERSION_NEUTRAL } from "@nestjs/common";`,
        `import { RouterModule } from "@nestjs/core";`,
        `@Controller("a") export class A { @Get() x() {} @Version("1") @Get("same") y() {} }`,
        `@Controller({ path: "b", version: "2" }) export class B { @Get() x() {} }`,
        `@Controller({ path: "c", version: ["2", "3", "2"] }) export class C { @Get() x() {} }`,
        `@Controller({ path: "d", version: VERSION_NEUTRAL }) export class D { @Get() x() {} }`,
        `@Controller({ path: "e", version: [VERSION_NEUTRAL, "2"] }) export class E { @Get() x() {} }`,
        `@Controller("f") export class F { @Get() x() {} }`,
        "@Module({ controllers: [F] }) export class Admin {}",
        "@Module({ controllers: [A, B, C, D, E], imports: [Admin, RouterModule.register([{ path: \"admin\", module: Admin }])] }) export class AppModule {}",
      ),
    },
    expected: [
      "http_router app.ts:3 A",
      "http_route app.ts:3 GET / on app.ts:3",
      "http_route app.ts:3 GET /same on app.ts:3",
      "http_router app.ts:4 B",
      "http_route app.ts:4 GET / on app.ts:4",
      "http_router app.ts:5 C",
      "http_route app.ts:5 GET / on app.ts:5",
      "http_router app.ts:6 D",
      "http_route app.ts:6 GET / on app.ts:6",
      "http_router app.ts:7 E",
      "http_route app.ts:7 GET / on app.ts:7",
      "http_router app.ts:8 F",
      "http_route app.ts:8 GET / on app.ts:8",
      "http_mount app.ts:9 /api/v1/admin/f app.ts:8 on main.ts:5",
      "http_mount app.ts:10 /api/v1/a app.ts:3 on main.ts:5",
      "http_mount app.ts:10 /api/v2/b app.ts:4 on main.ts:5",
      "http_mount app.ts:10 /api/v2/c app.ts:5 on main.ts:5",
      "http_mount app.ts:10 /api/v3/c app.ts:5 on main.ts:5",
      "http_mount app.ts:10 /api/d app.ts:6 on main.ts:5",
      "http_mount app.ts:10 /api/e app.ts:7 on main.ts:5",
      "http_mount app.ts:10 /api/v2/e app.ts:7 on main.ts:5",
      "http_app main.ts:5 app",
      "http_listen main.ts:8 main.ts:5",
    ],
  },
  {
    name: "URI versioning's prefix option: a string, false; versions on controllers are applied with no default version",
    files: {
      "main.ts": main(
        "AppModule",
        "./app",
        `app.enableVersioning({ type: VersioningType.URI, prefix: "version-" });`,
      ).replace(`import { NestFactory } from "@nestjs/core";`, `import { NestFactory } from "@nestjs/core";\nimport { VersioningType } from "@nestjs/common";`),
      "other.ts": main("OtherModule", "./app", `app.enableVersioning({ type: VersioningType.URI, prefix: false });`).replace(
        `import { NestFactory } from "@nestjs/core";`,
        `import { NestFactory } from "@nestjs/core";\nimport { VersioningType } from "@nestjs/common";`,
      ),
      "app.ts": lines(
        `import { Controller, Get, Module } from "@nestjs/common";`,
        `@Controller({ path: "a", version: "2" }) export class A { @Get() x() {} }`,
        `@Controller("plain") export class Plain { @Get() x() {} }`,
        "@Module({ controllers: [A, Plain] }) export class AppModule {}",
        "@Module({ controllers: [A] }) export class OtherModule {}",
      ),
    },
    expected: [
      "http_router app.ts:2 A",
      "http_route app.ts:2 GET / on app.ts:2",
      "http_router app.ts:3 Plain",
      "http_route app.ts:3 GET / on app.ts:3",
      "http_mount app.ts:4 /version-2/a app.ts:2 on main.ts:5",
      "http_mount app.ts:4 /plain app.ts:3 on main.ts:5",
      "http_mount app.ts:5 /2/a app.ts:2 on other.ts:5",
      "http_app main.ts:5 app",
      "http_listen main.ts:7 main.ts:5",
      "http_app other.ts:5 app",
      "http_listen other.ts:7 other.ts:5",
    ],
  },
  {
    name: "URI versioning that cannot be applied is a warning: options, default and controller versions that are not literals, a route's own version",
    files: {
      "main.ts": main("AppModule", "./app", "app.enableVersioning({ type: VersioningType.URI, defaultVersion: process.env.V });").replace(
        `import { NestFactory } from "@nestjs/core";`,
        `import { NestFactory } from "@nestjs/core";\nimport { VersioningType } from "@nestjs/common";`,
      ),
      "other.ts": main("OtherModule", "./app", "app.enableVersioning(options);", `app.setGlobalPrefix("other");`),
      "app.ts": lines(
        `import { Controller, Get, Module, Version } from "@nestjs/common";`,
        `@Controller("a") export class A { @Get() x() {} }`,
        `@Controller({ path: "b", version: process.env.V }) export class B { @Get() x() {} }`,
        `@Controller({ path: "c", version: "1" }) export class C {`,
        `  @Version("2") @Get("two") two() {}`,
        `  @Get("one") @Version("1") one() {}`,
        "}",
        "@Module({ controllers: [A, B, C] }) export class AppModule {}",
        "@Module({ controllers: [A] }) export class OtherModule {}",
        "@Module({ controllers: [A, C] }) export class Unversioned {}",
      ),
    },
    expected: [
      "http_router app.ts:2 A",
      "http_route app.ts:2 GET / on app.ts:2",
      "http_router app.ts:3 B",
      "http_route app.ts:3 GET / on app.ts:3",
      "http_router app.ts:4 C",
      "http_route app.ts:5 GET /two on app.ts:4",
      "http_route app.ts:6 GET /one on app.ts:4",
      "http_mount app.ts:8 /a app.ts:2 on main.ts:5",
      "http_mount app.ts:8 /b app.ts:3 on main.ts:5",
      "http_mount app.ts:8 /v1/c app.ts:4 on main.ts:5",
      "http_mount app.ts:9 /other/a app.ts:2 on other.ts:4",
      "http_app main.ts:5 app",
      "http_listen main.ts:7 main.ts:5",
      "http_app other.ts:4 app",
      "http_listen other.ts:7 other.ts:4",
    ],
    diagnostics: [
      "nestjs/uri-versioning main.ts:6 URI versioning is not applied to the routes of controller 'A': the default version is not a literal, so klotho exposes them without their version segment (such as '/v1'), where Nest does not serve them. Write the versions and the versioning options as literals, or use header or media-type versioning.",
      "nestjs/uri-versioning app.ts:3 URI versioning is not applied to the routes of controller 'B': its version is not a literal, so klotho exposes them without their version segment (such as '/v1'), where Nest does not serve them. Write the versions and the versioning options as literals, or use header or media-type versioning.",
      "nestjs/route-version app.ts:5 This route's own version is not applied: klotho exposes it under its controller's version (or none), where Nest does not serve it with URI versioning. Move the route to a controller with that version, or write the version as a literal equal to the controller's.",
      "nestjs/uri-versioning other.ts:5 URI versioning is not applied to the routes of controller 'A': the default version is not a literal, so klotho exposes them without their version segment (such as '/v1'), where Nest does not serve them. Write the versions and the versioning options as literals, or use header or media-type versioning.",
    ],
  },
  {
    name: "inherited routes: a controller serves its superclasses' route methods it does not override, at any depth",
    files: {
      "crud.ts": lines(
        `import { Get, Post, Version } from "@nestjs/common";`,
        "export abstract class CrudController {",
        "  @Get() findAll() {}",
        `  @Get(":id") findOne() {}`,
        `  @Post() @Version("2") create() {}`,
        "  helper() {}",
        "}",
      ),
      "cats.ts": lines(
        `import { Controller, Get } from "@nestjs/common";`,
        `import { CrudController } from "./crud";`,
        `@Controller("cats")`,
        "export class CatsController extends CrudController {",
        `  @Get("meow") meow() {}`,
        "  create() {}",
        "}",
        `@Controller("kittens") export class KittensController extends CatsController { @Get("mew") findOne() {} }`,
      ),
    },
    expected: [
      "http_router cats.ts:3 CatsController",
      "http_route cats.ts:5 GET /meow on cats.ts:8",
      "http_route cats.ts:5 GET /meow on cats.ts:3",
      "http_router cats.ts:8 KittensController",
      "http_route cats.ts:8 GET /mew on cats.ts:8",
      "http_route crud.ts:3 GET / on cats.ts:8",
      "http_route crud.ts:3 GET / on cats.ts:3",
      "http_route crud.ts:3 GET / on unknown(crud.ts:60)",
      "http_route crud.ts:4 GET /:id on cats.ts:3",
      "http_route crud.ts:4 GET /:id on unknown(crud.ts:60)",
      "http_route crud.ts:5 POST / on unknown(crud.ts:60)",
    ],
  },
  {
    name: "not Nest: look-alike decorators, static methods, controllers no module lists, apps that never listen",
    files: {
      "main.ts": lines(
        `import { NestFactory } from "@nestjs/core";`,
        `import { Controller, Get, Module } from "@nestjs/common";`,
        "function Post(path: string) { return () => {}; }",
        `@Controller("listed") class Listed { @Post("x") x() {} @Get("s") static s() {} }`,
        `@Controller("unlisted") class Unlisted { @Get() y() {} }`,
        "@Module({ controllers: [Listed] }) class AppModule {}",
        "NestFactory.create(AppModule);",
      ),
    },
    expected: [
      "http_router main.ts:4 Listed",
      "http_router main.ts:5 Unlisted",
      "http_route main.ts:5 GET / on main.ts:5",
      "http_app main.ts:7 -",
    ],
  },
  {
    name: "odd metadata: numbers for paths, a module without arguments or from a variable, a create without a module",
    files: {
      "main.ts": lines(
        `import { NestFactory } from "@nestjs/core";`,
        `import { Controller, Get, Module } from "@nestjs/common";`,
        `@Controller(42) class Numbered { @Get(["a", 1]) x() {} @Get("{unclosed") y() {} }`,
        "const metadata = { controllers: [Numbered] };",
        "@Module(metadata) class FromVariable {}",
        "@Module() class Empty {}",
        "NestFactory.create().then((app) => app.listen());",
        "NestFactory.create(Empty).then((app) => app.listen());",
        "NestFactory.create(FromVariable).then((app) => app.listen());",
      ),
    },
    expected: [
      "http_router main.ts:3 Numbered",
      "http_route main.ts:3 GET /{unclosed on main.ts:3",
      "http_app main.ts:7 app",
      "http_listen main.ts:7 main.ts:7",
      "http_app main.ts:8 app",
      "http_listen main.ts:8 main.ts:8",
      "http_app main.ts:9 app",
      "http_listen main.ts:9 main.ts:9",
    ],
    diagnostics: [
      "nestjs/dynamic-path main.ts:3 The path of this GET route is not a string klotho can read (only literals and constants are), so the gateway has no route for it: requests for it get 404 unless another route (a wildcard) covers them.",
      "nestjs/dynamic-prefix main.ts:3 The path of controller 'Numbered' is not a string literal, so klotho cannot tell where its routes are served; they are not exposed on their own.",
    ],
  },
];

describe("nestjs facts", () => {
  it.each(cases)("$name", ({ files, expected, diagnostics }) => {
    const result = analyzeProgram(files);
    expect(summarizeFacts(result.facts, ...KINDS)).toEqual(expected);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
  });
});

describe("nestjs routes, units and messages", () => {
  it("attributes a controller's routes to the unit owning its file, and reports a controller with several paths once", () => {
    const { units } = analyzeUnits({
      "main.ts": main("AppModule", "./app.module", `app.setGlobalPrefix("api");`).replace("  await app.listen", `  // @klotho::expose { id = "api", target = "public" }\n  await app.listen`),
      "app.module.ts": lines(
        `import { Module } from "@nestjs/common";`,
        `import { OrdersController } from "./orders.controller";`,
        `import { HealthController } from "./health.controller";`,
        "@Module({ controllers: [HealthController, OrdersController] })",
        "export class AppModule {}",
      ),
      "health.controller.ts": lines(`import { Controller, Get } from "@nestjs/common";`, "@Controller() export class HealthController { @Get(\"health\") health() {} }"),
      "orders.controller.ts": lines(
        `// @klotho::execution_unit { id = "orders" }`,
        `import { Controller, Get, Post } from "@nestjs/common";`,
        `@Controller(["orders", "purchases"])`,
        "export class OrdersController {",
        "  @Get(\":id\") find() {}",
        "  @Post() place() {}",
        "}",
      ),
    });
    expect(summarizeRoutes(units)).toEqual([
      "GET /api/health main health.controller.ts:2",
      "GET /api/orders/:id orders orders.controller.ts:5",
      "POST /api/orders orders orders.controller.ts:6",
      "GET /api/purchases/:id orders orders.controller.ts:5",
      "POST /api/purchases orders orders.controller.ts:6",
    ]);
    expect(units.progress).toEqual(["Found 1 route(s) for controller 'HealthController'", "Found 2 route(s) for controller 'OrdersController'"]);
    // main's HealthController only answers its route: the orders unit leaves it out.
    expect(units.units.map((unit) => `${unit.id}: ${unit.files.join(" ")}`)).toEqual([
      "main: app.module.ts health.controller.ts main.ts",
      "orders: app.module.ts main.ts orders.controller.ts",
    ]);
  });
});

describe("nestjs URI versioning, served", () => {
  it("serves each route under its controller's versions, the default version for controllers without one", () => {
    const { units } = analyzeUnits({
      "main.ts": main("AppModule", "./app", `app.enableVersioning({ type: VersioningType.URI, defaultVersion: ["1", "2"] });`)
        .replace(`import { NestFactory } from "@nestjs/core";`, `import { NestFactory } from "@nestjs/core";\nimport { VersioningType } from "@nestjs/common";`)
        .replace("  await app.listen", `  // @klotho::expose { id = "api", target = "public" }\n  await app.listen`),
      "app.ts": lines(
        `import { Controller, Get, Module, VERSION_NEUTRAL } from "@nestjs/common";`,
        `@Controller("cats") export class Cats { @Get(":id") one() {} }`,
        `@Controller({ path: "health", version: VERSION_NEUTRAL }) export class Health { @Get() ok() {} }`,
        "@Module({ controllers: [Cats, Health] }) export class AppModule {}",
      ),
    });
    expect(summarizeRoutes(units)).toEqual(["GET /v1/cats/:id main app.ts:2", "GET /v2/cats/:id main app.ts:2", "GET /health main app.ts:3"]);
  });
});

describe("nestjs persisted stores", () => {
  it("binds persist annotations on class fields and constructor assignments, and sees their uses in methods", () => {
    const result = analyzeProgram({
      "users.service.ts": lines(
        `import { Injectable } from "@nestjs/common";`,
        `import { createClient } from "redis";`,
        "@Injectable()",
        "export class UsersService {",
        `  /** @klotho::persist { id = "users" } */`,
        "  @Inject() private readonly users = new Map<string, string>();",
        "  private readonly cache;",
        "  constructor(private readonly config: ConfigService) {",
        `    // @klotho::persist { id = "cache" }`,
        "    this.cache = createClient();",
        "  }",
        "  async find(id: string) {",
        "    return (await this.cache.get(id)) ?? (await this.users.get(id));",
        "  }",
        "}",
      ),
    });
    expect(summarizeFacts(result.facts, "kv_map", "redis_client", "object_use")).toEqual([
      "kv_map users.service.ts:6 users",
      "redis_client users.service.ts:10 redis cache",
      "object_use users.service.ts:13 get users.service.ts:10",
      "object_use users.service.ts:13 get users.service.ts:6",
    ]);
    expect(result.annotations.map((a) => `${a.id ?? "-"} ${a.boundTo?.type ?? "-"} ${a.boundTo?.range.start.line ?? "-"}`)).toEqual(["users ClassProperty 6", "cache ExpressionStatement 10"]);
  });
});

describe("nestPaths", () => {
  it.each([
    ["", ["/"]],
    ["/", ["/"]],
    ["users", ["/users"]],
    ["/users/", ["/users"]],
    [":id", ["/:id"]],
    ["users/:id/posts", ["/users/:id/posts"]],
    ["*", ["/", "/:path*"]],
    ["files/*", ["/files", "/files/:path*"]],
    ["files/(.*)", ["/files", "/files/:path*"]],
    ["files/+", ["/files/:path*"]],
    ["files/*path", ["/files/:path*"]],
    ["files/*/meta", ["/files/:path*/meta"]],
    ["files/{*rest}", ["/files", "/files/:rest*"]],
    ["docs{/:page}", ["/docs", "/docs/:page"]],
    ["a{/b{/c}}", ["/a", "/a/b", "/a/b/c"]],
    ["users/:id?", ["/users/:id?"]],
    ["ab*cd", ["/ab*cd"]],
  ])("%j → %j", (path, expected) => {
    expect(nestPaths(path)).toEqual(expected);
  });
});

describe("nestjs global enhancers", () => {
  /** The `nestjs_global_enhancer` facts as `file:line:column method Class from file`. */
  const enhancers = (files: SourceTree): string[] =>
    analyzeProgram(files)
      .facts.flatMap((fact) => (fact.kind === "nestjs_global_enhancer" ? [`${fact.range.file}:${fact.range.start.line}:${fact.range.start.column + 1} ${fact.method} ${fact.name} from ${fact.file}`] : []));
  const classes = {
    "guards.ts": lines(`export class AuthGuard { canActivate() { return true; } }`, `export class RoleGuard { canActivate() { return true; } }`),
    "enhancers/timing.interceptor.ts": `export class TimingInterceptor { intercept(_c: unknown, next: { handle(): unknown }) { return next.handle(); } }`,
    "enhancers/errors.filter.ts": `export default class ErrorsFilter { catch() {} }`,
    "enhancers/index.ts": lines(`export * from "./timing.interceptor";`, `export { default as ErrorsFilter } from "./errors.filter";`),
    "app.module.ts": lines(`import { Module } from "@nestjs/common";`, "@Module({})", "export class AppModule {}"),
  };

  it("records each instance of a program's class, by its declaration's name and file, however the app is held and the class imported", () => {
    expect(
      enhancers({
        ...classes,
        "main.ts": lines(
          `import { NestFactory } from "@nestjs/core";`,
          `import { ValidationPipe } from "@nestjs/common";`,
          `import { AppModule } from "./app.module";`,
          `import { AuthGuard as Guard, RoleGuard } from "./guards";`,
          `import * as enhancers from "./enhancers";`,
          `import { setUp } from "./setup";`,
          "class Server {",
          "  app: any;",
          "  async start() {",
          "    this.app = await NestFactory.create(AppModule);",
          "    this.app.useGlobalGuards(new Guard(), new RoleGuard());",
          "    this.app.useGlobalPipes(new ValidationPipe());",
          "    setUp(this.app);",
          "    await this.app.listen(3000);",
          "  }",
          "}",
          "new Server().start();",
        ),
        "setup.ts": lines(
          `import { ErrorsFilter, TimingInterceptor } from "./enhancers";`,
          "export function setUp(app: any) {",
          "  app.useGlobalInterceptors(new TimingInterceptor()).useGlobalFilters(new ErrorsFilter());",
          "}",
        ),
      }),
    ).toEqual([
      "main.ts:11:30 useGlobalGuards AuthGuard from guards.ts",
      "main.ts:11:43 useGlobalGuards RoleGuard from guards.ts",
      "setup.ts:3:29 useGlobalInterceptors TimingInterceptor from enhancers/timing.interceptor.ts",
      "setup.ts:3:71 useGlobalFilters ErrorsFilter from enhancers/errors.filter.ts",
    ]);
  });

  it("locates spread instances at the call, and leaves alone the same methods of objects that are not Nest apps", () => {
    expect(
      enhancers({
        ...classes,
        "main.ts": lines(
          `import { NestFactory } from "@nestjs/core";`,
          `import { AppModule } from "./app.module";`,
          `import { AuthGuard, RoleGuard } from "./guards";`,
          "const registry = { useGlobalGuards(..._guards: unknown[]) {} };",
          "registry.useGlobalGuards(new AuthGuard());",
          "NestFactory.create(AppModule).then((app) => {",
          "  const guards = [new AuthGuard(), new RoleGuard()];",
          "  app.useGlobalGuards(...guards);",
          "  return app.listen(3000);",
          "});",
        ),
      }),
    ).toEqual(["main.ts:8:3 useGlobalGuards AuthGuard from guards.ts", "main.ts:8:3 useGlobalGuards RoleGuard from guards.ts"]);
  });
});
