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
  "project/not-found": { severity: "error", text: (dir: string) => `Project path '${dir}' does not exist or is not a folder.` },
  "project/no-package-json": {
    severity: "error",
    text: (dir: string) => `No package.json found in '${dir}' or any folder above it; klotho compiles Node.js projects.`,
  },
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
