import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { KlothoConfig } from "../generated/klotho-config.js";
import { displayPath } from "../util/paths.js";
import { parseLocatedJson } from "./json-file.js";
import { schemaValidator } from "./schemas.js";
import { parseLocatedYaml, type LocatedYaml } from "./yaml-document.js";

export type { KlothoConfig } from "../generated/klotho-config.js";

/** A klotho.yaml as read: its values plus the document, so later stages can point at its lines. */
export interface ConfigFile {
  /** Display path (relative to the project folder). */
  readonly file: string;
  /** Absolute folder of the file; `rules:` paths are relative to it. */
  readonly dir: string;
  readonly config: KlothoConfig;
  readonly document: LocatedYaml;
}

/** What reading the config produced. */
export interface ConfigResult {
  readonly configFile?: ConfigFile;
  readonly diagnostics: Diagnostic[];
  /** The config text by display path, for code frames in messages. */
  readonly sources: ReadonlyMap<string, string>;
}

const CONFIG_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Reads `explicitPath`, or `<projectDir>/klotho.yaml` when it exists; validated against the config schema. */
export function readConfig(projectDir: string, explicitPath: string | undefined): ConfigResult {
  const file = explicitPath ? path.resolve(explicitPath) : defaultConfigPath(projectDir);
  if (!file) return { diagnostics: [], sources: new Map() };
  const display = displayPath(projectDir, file);
  if (!existsSync(file)) return { diagnostics: [createDiagnostic("config/not-found", {}, explicitPath ?? file)], sources: new Map() };
  if (!CONFIG_EXTENSIONS.includes(path.extname(file))) {
    return { diagnostics: [createDiagnostic("config/unsupported-format", {}, display)], sources: new Map() };
  }
  const text = readFileSync(file, "utf8");
  const sources = new Map([[display, text]]);
  // A .json file is JSON: the YAML parser would also accept comments, single quotes and trailing commas.
  const json = path.extname(file) === ".json";
  const document = json ? parseLocatedJson(display, text) : parseLocatedYaml(display, text);
  if (document.syntaxErrors.length > 0) {
    const diagnostics = document.syntaxErrors.map((e) => createDiagnostic(json ? "config/invalid-json" : "config/invalid-yaml", { range: e.range }, e.message));
    return { diagnostics, sources };
  }
  const value = document.value ?? {};
  const violations = schemaValidator("klotho-config")(value);
  if (violations.length > 0) {
    const diagnostics = violations.map((v) =>
      createDiagnostic("config/schema", { range: document.locate(v.path, v.atKey) }, v.message),
    );
    return { diagnostics, sources };
  }
  return { configFile: { file: display, dir: path.dirname(file), config: value, document }, diagnostics: [], sources };
}

function defaultConfigPath(projectDir: string): string | undefined {
  for (const name of ["klotho.yaml", "klotho.yml"]) {
    const candidate = path.join(projectDir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
