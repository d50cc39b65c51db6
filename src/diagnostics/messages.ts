/**
 * Every diagnostic klotho can report: its stable code, its severity and its text.
 * Message texts live here and nowhere else, so they stay consistent and greppable.
 */
export const messages = {
  // invocation and project loading
  "cli/invalid-usage": { severity: "error", text: (detail: string) => detail },
  "cli/missing-option": {
    severity: "error",
    text: (option: string) => `Missing required option --${option} (give it on the command line or in klotho.yaml).`,
  },
  "cli/unknown-provider": {
    severity: "error",
    text: (provider: string) => `Unknown provider '${provider}'. Supported providers: aws.`,
  },
  "cli/invalid-app": {
    severity: "error",
    text: (app: string, detail: string) => `Invalid application name '${app}': ${detail}`,
  },
  "cli/out-dir-holds-project": {
    severity: "error",
    text: (dir: string) => `Output folder '${dir}' holds the project itself; klotho replaces the whole output folder, so choose another one.`,
  },
  "cli/out-dir-not-output": {
    severity: "error",
    text: (dir: string) =>
      `Output folder '${dir}' exists and is not an earlier klotho output (no klotho.yaml in it); klotho replaces the whole output folder, so choose another one or empty it first.`,
  },
  "project/not-found": { severity: "error", text: (dir: string) => `Project path '${dir}' does not exist or is not a folder.` },
  "project/no-package-json": {
    severity: "error",
    text: (dir: string) => `No package.json found in '${dir}' or any folder above it; klotho compiles Node.js projects.`,
  },
  "project/unreadable-file": { severity: "error", text: (file: string, detail: string) => `Cannot read ${file}: ${detail}` },
  "project/invalid-json": { severity: "error", text: (file: string, detail: string) => `Cannot read ${file}: ${detail}` },
  "project/no-sources": {
    severity: "warning",
    text: (dir: string) => `No JavaScript or TypeScript files found under '${dir}'.`,
  },
  // configuration
  "config/not-found": { severity: "error", text: (file: string) => `Config file '${file}' does not exist.` },
  "config/unsupported-format": {
    severity: "error",
    text: (file: string) => `Config file '${file}' must end in .yaml, .yml or .json.`,
  },
  "config/invalid-yaml": { severity: "error", text: (detail: string) => `Invalid YAML: ${detail}` },
  "config/schema": { severity: "error", text: (detail: string) => detail },
  // facts
  "facts/unresolved-import": {
    severity: "warning",
    text: (specifier: string, file: string) => `Cannot resolve '${specifier}' imported by ${file}; its code is not analysed.`,
  },
  "express/dynamic-path": {
    severity: "info",
    text: (method: string) => `The path of this ${method} route is not a string literal; the route is not exposed on its own.`,
  },
  // parsing
  "parse/syntax-error": { severity: "error", text: (detail: string) => `Syntax error: ${detail}` },
  // annotations
  "annotation/unknown-capability": {
    severity: "warning",
    text: (name: string) => `Unknown annotation capability ${name}.`,
  },
  "annotation/unclosed-body": {
    severity: "error",
    text: (capability: string) => `The body of @klotho::${capability} opens with '{' but never closes with '}'.`,
  },
  "annotation/invalid-toml": {
    severity: "error",
    text: (capability: string, detail: string) => `Invalid TOML in the @klotho::${capability} annotation: ${detail}`,
  },
  "annotation/invalid-directive": {
    severity: "error",
    text: (capability: string, detail: string) => `Invalid @klotho::${capability} annotation: ${detail}`,
  },
  "annotation/duplicate-id": {
    severity: "error",
    text: (capability: string, id: string, other: string) =>
      `Duplicate @klotho::${capability} id '${id}': it is also declared at ${other}.`,
  },
  "annotation/not-file-level": {
    severity: "warning",
    text: (capability: string) =>
      `${capability} annotations must be at file level (outside any function or class); this one is ignored.`,
  },
  // rule files and the provider type table
  "rule-file/not-found": { severity: "error", text: (file: string) => `Rule path '${file}' does not exist.` },
  "rule-file/invalid-yaml": { severity: "error", text: (detail: string) => `Invalid YAML in rule file: ${detail}` },
  "rule-file/schema": { severity: "error", text: (detail: string) => `Invalid rule file: ${detail}` },
  "rule-file/unknown-fact": {
    severity: "error",
    text: (fact: string, stage: string, known: string) => `Unknown fact '${fact}' in a ${stage} rule; ${stage} rules can use: ${known}.`,
  },
  "rule-file/unknown-operator": {
    severity: "error",
    text: (operator: string, known: string) =>
      `Unknown operator '${operator}'; operators: ${known} (optionally decorated, e.g. not:equal, someFact:equal).`,
  },
  "rule-file/id-mismatch": {
    severity: "error",
    text: (id: string, expected: string) => `Rule id '${id}' must be '${expected}', the id derived from the file's path.`,
  },
  "rule-file/unprefixed-id": {
    severity: "error",
    text: (id: string) => `Rule id '${id}' needs a prefix naming its owner, e.g. 'acme/${id}'.`,
  },
  "rule-file/event-not-allowed": {
    severity: "error",
    text: (event: string, stage: string) => `A ${stage} rule cannot use the '${event}' event; only capability rules add resources.`,
  },
  "provider-types/invalid": { severity: "error", text: (detail: string) => `Invalid provider type table: ${detail}` },
  // rule outcomes
  "rule/warn": {
    severity: "warning",
    text: (message: string) => message,
  },
  "rule/deny": {
    severity: "error",
    text: (message: string, ruleId: string, file: string, description: string) =>
      `${message} (denied by rule ${ruleId} in ${file}: ${description})`,
  },
  "rule/invalid-event": {
    severity: "error",
    text: (ruleId: string, file: string, detail: string) => `Rule ${ruleId} (${file}) cannot be applied: ${detail}`,
  },
  "rule/engine-error": {
    severity: "error",
    text: (stage: string, detail: string) => `The ${stage} rules could not be evaluated: ${detail}`,
  },
  "rule/unknown-type": {
    severity: "error",
    text: (ruleId: string, file: string, type: string, kind: string, valid: string) =>
      `Rule ${ruleId} (${file}) sets type '${type}' on a ${kind}, which is not one of its types: ${valid}.`,
  },
  // configuration applied to the plan
  "config/unknown-type": {
    severity: "error",
    text: (type: string, what: string, valid: string) => `Unknown type '${type}' for ${what}; valid types: ${valid}.`,
  },
  "config/unknown-id": {
    severity: "warning",
    text: (section: string, id: string) => `klotho.yaml ${section}: '${id}' matches no resource; its settings are ignored.`,
  },
  "config/unknown-params-type": {
    severity: "warning",
    text: (type: string, what: string, valid: string) =>
      `pulumi_params_by_type names '${type}', which is not a type of ${what} (valid types: ${valid}); its params are ignored.`,
  },
  // the plan
  "plan/duplicate-persist": {
    severity: "error",
    text: (id: string, other: string) =>
      `Two persisted resources share the id '${id}' (the other is declared at ${other}); persist ids must be unique across kinds.`,
  },
  "plan/no-type": {
    severity: "error",
    text: (resource: string, kind: string) =>
      `No cloud type was chosen for ${resource}: no provider rule or klotho.yaml default gives one for kind '${kind}'.`,
  },
  "plan/dangling-edge": {
    severity: "warning",
    text: (source: string, target: string, missing: string) =>
      `The edge ${source} -> ${target} refers to ${missing}, which is not a resource; the edge is dropped.`,
  },
  "plan/invalid": {
    severity: "error",
    text: (detail: string) => `Internal error: the plan does not match schemas/plan.schema.json: ${detail}`,
  },
} as const satisfies Record<string, MessageSpec>;

/** The shape of one catalogue entry. */
export interface MessageSpec {
  readonly severity: "error" | "warning" | "info";
  readonly text: (...args: never[]) => string;
}

/** A stable diagnostic code such as `annotation/invalid-toml`. */
export type DiagnosticCode = keyof typeof messages;

/** The arguments the message text of `code` takes. */
export type MessageArgs<C extends DiagnosticCode> = Parameters<(typeof messages)[C]["text"]>;
