import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareStrings } from "../util/compare.js";
import { displayPath, relativePosix, toPosix } from "../util/paths.js";
import { klothoHome } from "./package-assets.js";
import type { ProviderTypeTable } from "./provider-types.js";
import { parseRuleFile, type LoadedRule } from "./rule-file.js";
import { checkSetTypeName } from "./set-type-checks.js";

export type { LoadedRule, NestedCondition, RuleEventType, TopCondition, YamlPath } from "./rule-file.js";
export type { RuleStage } from "./rule-vocabulary.js";

/** Every rule in force: built-ins first, then the user's files; a later file with the same id replaced the earlier. */
export interface RuleSet {
  readonly rules: readonly LoadedRule[];
}

/** What loading the rules produced: a rule set only when every file was valid. */
export interface RuleSetResult {
  readonly ruleSet?: RuleSet;
  readonly diagnostics: Diagnostic[];
  /** Rule file texts by display path, for code frames in messages. */
  readonly sources: ReadonlyMap<string, string>;
}

/** Where the rules come from. */
export interface RuleSources {
  readonly provider: string;
  /** Absolute user rule files or folders, in the order they are loaded. */
  readonly rulePaths: readonly string[];
  /** Absolute project folder; user rule files are displayed relative to it. */
  readonly projectRoot: string;
  /** Folder holding the built-in `rules/` and `providers/` (klotho's own install by default). */
  readonly home?: string;
  /** The provider's type table: when given, a `set-type` to a type none of its kinds has is refused. */
  readonly typeTable?: ProviderTypeTable | undefined;
}

/** A rule file to read: its absolute path, display path and (for built-ins) the id its path implies. */
interface RuleFileRef {
  readonly absolute: string;
  readonly display: string;
  readonly expectedId?: string;
}

/** File names in a provider folder that are not rule files. */
const PROVIDER_DATA_FILES = new Set(["types.yaml"]);
const RULE_EXTENSIONS = new Set([".yaml", ".yml"]);

/** True for a `<name>.cases.yaml` file: test cases for the rule file beside it (`klotho rules test`), not a rule. */
export function isCasesFile(file: string): boolean {
  return /\.cases\.ya?ml$/.test(file);
}

/** Reads the built-in rules, then the user's rule files, validating each; stops at nothing half-loaded. */
export function loadRuleSet(sources: RuleSources): RuleSetResult {
  const diagnostics: Diagnostic[] = [];
  const refs = [...builtInRuleFiles(sources.home ?? klothoHome, sources.provider), ...userRuleFiles(sources, diagnostics)];
  const texts = new Map<string, string>();
  const rules: LoadedRule[] = [];
  for (const ref of refs) {
    const text = readFileSync(ref.absolute, "utf8");
    texts.set(ref.display, text);
    const result = parseRuleFile(ref.display, text, ref.expectedId);
    diagnostics.push(...result.diagnostics);
    if (result.rule && sources.typeTable) diagnostics.push(...checkSetTypeName(result.rule, sources.typeTable));
    if (result.rule) rules.push(result.rule);
  }
  if (diagnostics.length > 0) return { diagnostics, sources: texts };
  return { ruleSet: { rules: withReplacements(rules) }, diagnostics, sources: texts };
}

/** Keeps the last rule of each id, recording the files it replaced. */
function withReplacements(rules: readonly LoadedRule[]): LoadedRule[] {
  const byId = new Map<string, LoadedRule>();
  for (const rule of rules) {
    const earlier = byId.get(rule.id);
    byId.delete(rule.id);
    byId.set(rule.id, earlier ? { ...rule, replaced: [...earlier.replaced, earlier.file] } : rule);
  }
  return [...byId.values()];
}

function builtInRuleFiles(home: string, provider: string): RuleFileRef[] {
  const generic = yamlFilesUnder(path.join(home, "rules")).map((absolute) => builtIn(home, absolute, "rules/"));
  const providerDir = path.join(home, "providers", provider);
  const specific = yamlFilesUnder(providerDir)
    .filter((absolute) => !(path.dirname(absolute) === providerDir && PROVIDER_DATA_FILES.has(path.basename(absolute))))
    .map((absolute) => builtIn(home, absolute, "providers/"));
  return [...generic, ...specific];
}

function builtIn(home: string, absolute: string, prefix: string): RuleFileRef {
  const display = relativePosix(home, absolute);
  return { absolute, display, expectedId: display.slice(prefix.length).replace(/\.ya?ml$/, "") };
}

function userRuleFiles(sources: RuleSources, diagnostics: Diagnostic[]): RuleFileRef[] {
  const refs: RuleFileRef[] = [];
  for (const rulePath of sources.rulePaths) {
    if (!existsSync(rulePath)) {
      diagnostics.push(createDiagnostic("rule-file/not-found", {}, displayPath(sources.projectRoot, rulePath)));
      continue;
    }
    const folder = statSync(rulePath).isDirectory();
    // A cases file given by name is refused, not read as a rule: a folder's are skipped (yamlFilesUnder).
    if (!folder && isCasesFile(rulePath)) {
      diagnostics.push(createDiagnostic("rule-file/cases-file", {}, displayPath(sources.projectRoot, rulePath)));
      continue;
    }
    const files = folder ? yamlFilesUnder(rulePath) : [rulePath];
    for (const absolute of files) refs.push({ absolute, display: displayPath(sources.projectRoot, absolute) });
  }
  return refs;
}

/** Rule files (`.yaml`/`.yml`, not `.cases.yaml`) under `dir`, recursively, in sorted path order; none when it does not exist. */
function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && RULE_EXTENSIONS.has(path.extname(entry.name)) && !isCasesFile(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
  return entries.sort((a, b) => compareStrings(toPosix(a), toPosix(b)));
}
