import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareStrings } from "../util/compare.js";
import { relativePosix, toPosix } from "../util/paths.js";
import { klothoHome } from "./package-assets.js";
import { ruleFilesBeside, type CasesFileRef } from "./rule-cases.js";
import { isCasesFile } from "./rules.js";

/** What `klotho rules test` tests: the rule files to load besides the built-ins, and the cases files to run. */
export interface RuleTestTargets {
  /** Absolute organisation rule files and folders, loaded after the built-ins like `--rules`. */
  readonly rulePaths: readonly string[];
  /** Display paths of the rule files under test; undefined: every built-in rule. */
  readonly ruleFiles?: readonly string[];
  readonly casesFiles: readonly CasesFileRef[];
  /** Folder the display paths are relative to: klotho's home for the built-ins, else the working folder. */
  readonly displayRoot: string;
  readonly diagnostics: Diagnostic[];
}

const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);

/**
 * The built-in rules and their cases (`rules/` and `providers/<provider>/`) when no paths are given;
 * else the rule files and cases files in the given files and folders (a rule file brings the cases
 * file beside it, and a cases file the rule file beside it).
 */
export function findRuleTests(paths: readonly string[], provider: string, cwd: string, home: string = klothoHome): RuleTestTargets {
  if (paths.length === 0) {
    const folders = [path.join(home, "rules"), path.join(home, "providers", provider)];
    const casesFiles = folders.flatMap(yamlFilesUnder).filter(isCasesFile).map((absolute) => ({ absolute, display: relativePosix(home, absolute) }));
    return { rulePaths: [], casesFiles, displayRoot: home, diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const rulePaths = new Set<string>();
  const ruleFiles = new Set<string>();
  const casesFiles = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (!existsSync(absolute)) {
      diagnostics.push(createDiagnostic("rule-cases/not-found", {}, given));
      continue;
    }
    const isFolder = statSync(absolute).isDirectory();
    if (isFolder) rulePaths.add(absolute);
    for (const file of isFolder ? yamlFilesUnder(absolute) : withSibling(absolute)) {
      if (isCasesFile(file)) casesFiles.add(file);
      else {
        ruleFiles.add(file);
        if (!isFolder) rulePaths.add(file);
      }
    }
  }
  return {
    rulePaths: [...rulePaths],
    ruleFiles: [...ruleFiles].map((file) => relativePosix(cwd, file)).sort(compareStrings),
    casesFiles: [...casesFiles].sort(compareStrings).map((absolute) => ({ absolute, display: relativePosix(cwd, absolute) })),
    displayRoot: cwd,
    diagnostics,
  };
}

/** True when klotho has built-in rules for `provider`. */
export function hasProviderRules(provider: string, home: string = klothoHome): boolean {
  return /^[a-z0-9_-]+$/.test(provider) && existsSync(path.join(home, "providers", provider));
}

/** A given file with its partner: the cases file beside a rule file, or the rule file beside a cases file. */
function withSibling(file: string): string[] {
  const candidates = isCasesFile(file) ? ruleFilesBeside(file) : [file.replace(/\.ya?ml$/, ".cases.yaml"), file.replace(/\.ya?ml$/, ".cases.yml")];
  return [file, ...candidates.filter((candidate) => candidate !== file && existsSync(candidate))];
}

/** `.yaml`/`.yml` files under `dir`, recursively, in sorted path order; none when it does not exist. */
function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && YAML_EXTENSIONS.has(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((a, b) => compareStrings(toPosix(a), toPosix(b)));
}
