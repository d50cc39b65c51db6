// A compiled execution unit folder as klotho writes it: the app's files, klotho_runtime/ (a copy of
// runtime/ with unit.json) and node_modules (a link to the repository's, which holds express & co).
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTempFolder, type FileTree, type TempFolder } from "../helpers/temp-project.js";
import { RUNTIME_DIR, requireRuntime, type RuntimeModules } from "./runtime-modules.js";

/** unit.json as the compiler writes it. */
export interface UnitJson {
  readonly unit: string;
  readonly app: string;
  readonly entrypoint: string;
  readonly load?: readonly string[];
  readonly moduleKind: "cjs" | "esm";
  readonly gateway: boolean;
  readonly kv?: Readonly<Record<string, { ttl?: number; versioned?: boolean }>>;
}

/** A unit folder on disk and its dispatcher, loaded the way Lambda loads it. */
export interface UnitFolder {
  readonly folder: TempFolder;
  /** `klotho_runtime/dispatcher.js` of this unit. */
  readonly dispatcher: RuntimeModules["dispatcher.js"];
  /** Calls the unit's Lambda handler. */
  invoke(event: unknown): Promise<unknown>;
}

const NODE_MODULES = path.resolve(RUNTIME_DIR, "..", "node_modules");

/**
 * Copies the runtime into `dir/klotho_runtime/` (with `unit.json` when given) and links the
 * repository's node_modules as `dir/node_modules`; returns the runtime folder.
 */
export function writeRuntime(dir: string, unit?: UnitJson): string {
  const runtimeCopy = path.join(dir, "klotho_runtime");
  mkdirSync(runtimeCopy, { recursive: true });
  for (const name of readdirSync(RUNTIME_DIR)) {
    if (name.endsWith(".js") || name === "package.json") copyFileSync(path.join(RUNTIME_DIR, name), path.join(runtimeCopy, name));
  }
  if (unit !== undefined) writeFileSync(path.join(runtimeCopy, "unit.json"), JSON.stringify({ kv: {}, ...unit }, null, 2));
  symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  return runtimeCopy;
}

/** Writes a unit folder holding `files` and the runtime; the caller removes `folder` in afterAll. */
export function createUnitFolder(unit: UnitJson, files: FileTree): UnitFolder {
  const folder = createTempFolder(files);
  const runtimeCopy = writeRuntime(folder.dir, unit);
  const dispatcher = requireRuntime("dispatcher.js", runtimeCopy);
  return { folder, dispatcher, invoke: (event) => dispatcher.handler(event, {}) };
}
