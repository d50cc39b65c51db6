/** What a generated app holds. */
export interface GeneratedApp {
  readonly dir: string;
  readonly files: number;
  readonly routers: number;
  readonly units: number;
  readonly stores: number;
}

/** A synthetic Express app of `files` source files: CommonJS (`js`), TypeScript ESM (`ts`), or CommonJS whose every router is its own unit (`units`). */
export function generateApp(dir: string, files: number, variant?: "js" | "ts" | "units"): GeneratedApp;

/** A synthetic NestJS app of `features` feature modules (controller, service with a persisted Map, module); eight or nine of them execution units. */
export function generateNestApp(dir: string, features: number): GeneratedApp;
