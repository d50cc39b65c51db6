// The stand-in a unit's copy of main.ts gets for a class of another unit that NestJS runs for every request
// (`app.useGlobalGuards(new AuthGuard())`: the compile reports it as nestjs/foreign-global-provider, but a
// registration the analysis cannot follow still reaches the unit): Nest's call of it must fail the request
// at once, saying why, not leave it waiting for an answer until the function times out.
import "reflect-metadata";
import { Controller, Get, Module, Query, type INestApplication, type LoggerService } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { describe, expect, it } from "vitest";
import { requireRuntime } from "./runtime-modules.js";

const { otherUnit } = requireRuntime("other-unit.js");

/** An instance of the stand-in for class `name` of the module `specifier`, as `new Name()` in the unit's copy makes it. */
function standInInstance(specifier: string, name: string): object {
  const standIn: unknown = Reflect.get(Object(otherUnit(specifier)), name);
  if (typeof standIn !== "function") throw new TypeError("the stand-in is not a constructor");
  const instance: unknown = Reflect.construct(standIn, []);
  if (typeof instance !== "function") throw new TypeError("the stand-in made no instance");
  return instance;
}

/** A controller whose one route reads its query (so pipes run) and throws for `?fail` (so filters run). */
class ItemsController {
  list(query: Record<string, string | undefined>) {
    if (query["fail"] !== undefined) throw new Error("failed on purpose");
    return { items: [] };
  }
}
Controller("items")(ItemsController);
Query()(ItemsController.prototype, "list", 0);
const list = Object.getOwnPropertyDescriptor(ItemsController.prototype, "list");
if (list) Get()(ItemsController.prototype, "list", list);

// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a Nest module is an empty class its decorator describes
class AppModule {}
Module({ controllers: [ItemsController] })(AppModule);

/** The app, with a logger that keeps the errors Nest logs (the exceptions it answers 500 for) in `errors`. */
async function createApp(errors: string[]): Promise<INestApplication> {
  const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (message: unknown) => errors.push(message instanceof Error ? message.message : String(message)) };
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest's options are declared as a class but read as plain objects
  return NestFactory.create(AppModule, { logger });
}

async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, "127.0.0.1");
  return (await app.getUrl()).replace("[::1]", "127.0.0.1");
}

type Registration = "useGlobalGuards" | "useGlobalInterceptors" | "useGlobalFilters" | "useGlobalPipes";

/** `app[method](instance)`, as the unit's copy of main.ts hands Nest the stand-in (which is no guard by its type). */
function register(app: INestApplication, method: Registration, instance: object): void {
  const registration: unknown = Reflect.get(app, method);
  if (typeof registration !== "function") throw new TypeError(`the app has no ${method}`);
  Reflect.apply(registration, app, [instance]);
}

const cases: { readonly method: Registration; readonly called: string }[] = [
  { method: "useGlobalGuards", called: "./auth.guard.AuthGuard.canActivate" },
  { method: "useGlobalInterceptors", called: "./auth.guard.AuthGuard.intercept" },
  { method: "useGlobalPipes", called: "./auth.guard.AuthGuard.transform" },
];

describe("the other-unit stand-in in the place of a NestJS global guard, interceptor, filter or pipe", () => {
  it.each(cases)("fails the request at once when Nest calls it, registered with $method, saying which function and why", async ({ method, called }) => {
    const errors: string[] = [];
    const app = await createApp(errors);
    register(app, method, standInInstance("./auth.guard", "AuthGuard"));
    try {
      const response = await fetch(`${await listening(app)}/items`, { signal: AbortSignal.timeout(3000) });
      expect(response.status).toBe(500);
      expect(errors).toEqual([`klotho: '${called}' runs in another execution unit, so this unit cannot run it for the request. A guard, interceptor, filter or pipe that Nest runs for the requests of every unit must be in a file every unit serving the app carries (see the compile's nestjs/foreign-global-provider error).`]);
    } finally {
      await app.close();
    }
  });

  it("fails a request whose handler throws when Nest hands the exception to a stand-in filter, saying why, and serves the others", async () => {
    const app = await createApp([]);
    register(app, "useGlobalFilters", standInInstance("./errors.filter", "ErrorsFilter"));
    try {
      const base = await listening(app);
      const served = await fetch(`${base}/items`, { signal: AbortSignal.timeout(3000) });
      expect([served.status, await served.json()]).toEqual([200, { items: [] }]);
      const failed = await fetch(`${base}/items?fail=1`, { signal: AbortSignal.timeout(3000) });
      // Thrown from Nest's exception handling, the error reaches Express, whose answer shows it outside production.
      expect([failed.status, (await failed.text()).includes("ErrorsFilter.catch.bind()&#39; runs in another execution unit")]).toEqual([500, true]);
    } finally {
      await app.close();
    }
  });
});
