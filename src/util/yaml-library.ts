import { createRequire } from "node:module";
import type * as YamlModule from "yaml";

let loaded: typeof YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use: a compile of a project without klotho.yaml, whose
 * built-in files are all prebuilt and whose klotho.yaml emitYaml writes, never loads it.
 */
export function yamlLibrary(): typeof YamlModule {
  return (loaded ??= createRequire(import.meta.url)("yaml") as typeof YamlModule);
}
