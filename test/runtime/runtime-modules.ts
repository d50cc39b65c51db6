// The runtime's modules as the tests use them: loaded by Node's own require (as Lambda loads them,
// and so that module state is shared with code the dispatcher loads), typed by the declarations
// generated from their JSDoc (see declarations.test.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as Apigateway from "../fixtures/runtime-types/apigateway.js";
import type * as AppRegistry from "../fixtures/runtime-types/app-registry.js";
import type * as Dispatcher from "../fixtures/runtime-types/dispatcher.js";
import type * as Emitter from "../fixtures/runtime-types/emitter.js";
import type * as EnvNames from "../fixtures/runtime-types/env-names.js";
import type * as Fs from "../fixtures/runtime-types/fs.js";
import type * as KeyValue from "../fixtures/runtime-types/keyvalue.js";
import type * as Orm from "../fixtures/runtime-types/orm.js";
import type * as OtherUnit from "../fixtures/runtime-types/other-unit.js";
import type * as Redis from "../fixtures/runtime-types/redis.js";
import type * as Secrets from "../fixtures/runtime-types/secrets.js";
import type * as UnitConfig from "../fixtures/runtime-types/unit-config.js";

/** The repository's runtime folder. */
export const RUNTIME_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "runtime");

/** Each runtime module's exports, by file name. */
export interface RuntimeModules {
  "apigateway.js": typeof Apigateway;
  "app-registry.js": typeof AppRegistry;
  "dispatcher.js": typeof Dispatcher;
  "emitter.js": typeof Emitter;
  "env-names.js": typeof EnvNames;
  "fs.js": typeof Fs;
  "keyvalue.js": typeof KeyValue;
  "orm.js": typeof Orm;
  "other-unit.js": typeof OtherUnit;
  "redis.js": typeof Redis;
  "secrets.js": typeof Secrets;
  "unit-config.js": typeof UnitConfig;
}

const load = createRequire(import.meta.url);

/** Runtime module `file` of a runtime folder: the repository's, or a copy in a unit folder. */
export function requireRuntime<File extends keyof RuntimeModules>(file: File, dir: string = RUNTIME_DIR): RuntimeModules[File] {
  // The declarations were generated from this very file (declarations.test.ts keeps them in step).
  return load(path.join(dir, file)) as RuntimeModules[File];
}

/** Like requireRuntime, but a new instance of the module: its module-level state starts empty. */
export function freshRuntime<File extends keyof RuntimeModules>(file: File): RuntimeModules[File] {
  Reflect.deleteProperty(load.cache, load.resolve(path.join(RUNTIME_DIR, file)));
  return requireRuntime(file);
}

/** A file of a unit folder (the user's code), loaded by Node as the dispatcher loaded it. */
export function requireUnitFile(dir: string, file: string): unknown {
  const exports: unknown = load(path.join(dir, file));
  return exports;
}
