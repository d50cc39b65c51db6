import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { readConfig } from "../../src/load/config.js";
import { tempProject } from "../helpers/temp-project.js";

/** A diagnostic as `[code, message, line, column]` with a 1-based column, or without a position. */
function located(d: Diagnostic): (string | number)[] {
  return d.range ? [d.code, d.message, d.range.start.line, d.range.start.column + 1] : [d.code, d.message];
}

const CONFIG_KEYS = "app, defaults, execution_units, exposed, out_dir, path, persisted, provider, pubsub, rules, static_unit";

describe("readConfig", () => {
  it("loads a valid klotho.yaml from the project folder", () => {
    const text = [
      "app: pugs",
      "provider: aws",
      "out_dir: build/klotho",
      "rules: [policies]",
      "defaults:",
      "  execution_unit:",
      "    type: lambda",
      "    pulumi_params_by_type:",
      "      lambda: { memorySize: 1024 }",
      "execution_units:",
      "  main:",
      "    type: ecs",
      "    environment_variables: { LOG_LEVEL: debug }",
      "",
    ].join("\n");
    const project = tempProject({ "klotho.yaml": text });
    const result = readConfig(project.dir, undefined);
    expect(result.diagnostics).toEqual([]);
    expect(result.configFile?.file).toBe("klotho.yaml");
    expect(result.configFile?.dir).toBe(project.dir);
    expect(result.configFile?.config).toEqual({
      app: "pugs",
      provider: "aws",
      out_dir: "build/klotho",
      rules: ["policies"],
      defaults: { execution_unit: { type: "lambda", pulumi_params_by_type: { lambda: { memorySize: 1024 } } } },
      execution_units: { main: { type: "ecs", environment_variables: { LOG_LEVEL: "debug" } } },
    });
    expect([...result.sources]).toEqual([["klotho.yaml", text]]);
  });

  it("finds klotho.yml too, and nothing when there is no config", () => {
    const withYml = tempProject({ "klotho.yml": "app: a\n" });
    expect(readConfig(withYml.dir, undefined).configFile?.config).toEqual({ app: "a" });
    const without = tempProject({});
    expect(readConfig(without.dir, undefined)).toEqual({ diagnostics: [], sources: new Map() });
  });

  it.each([
    ["settings.yaml", "app: a\nprovider: aws\n"],
    ["settings.yml", "app: a\nprovider: aws\n"],
    ["settings.json", '{\n\t"app": "a",\n\t"provider": "aws"\n}\n'],
  ])("reads an explicit %s", (name, text) => {
    const project = tempProject({ [`conf/${name}`]: text });
    const result = readConfig(project.dir, project.path("conf", name));
    expect(result.diagnostics).toEqual([]);
    expect(result.configFile?.file).toBe(`conf/${name}`);
    expect(result.configFile?.dir).toBe(project.path("conf"));
    expect(result.configFile?.config).toEqual({ app: "a", provider: "aws" });
  });

  it("reports an explicit config that does not exist or has another extension", () => {
    const project = tempProject({ "klotho.toml": "app = 'a'\n" });
    expect(readConfig(project.dir, project.path("nope.yaml")).diagnostics.map(located)).toEqual([
      ["config/not-found", `Config file '${project.path("nope.yaml")}' does not exist.`],
    ]);
    expect(readConfig(project.dir, project.path("klotho.toml")).diagnostics.map(located)).toEqual([
      ["config/unsupported-format", "Config file 'klotho.toml' must end in .yaml, .yml or .json."],
    ]);
  });

  it.each<[string, string, (string | number)[][]]>([
    [
      "an unknown key nested under defaults, at the key",
      "app: pugs\ndefaults:\n  execution_unit:\n    type: lambda\n    memory: 512\n",
      [["config/schema", "unknown property 'memory' in 'defaults.execution_unit'; expected one of: pulumi_params_by_type, type", 5, 5]],
    ],
    [
      "an unknown persist kind, at the key",
      "defaults:\n  persist:\n    kvv: {}\n",
      [["config/schema", "unknown property 'kvv' in 'defaults.persist'; expected one of: fs, kv, orm, redis_cluster, redis_node, secret", 3, 5]],
    ],
    [
      "an unknown top-level key",
      "provider: aws\napplication: pugs\n",
      [["config/schema", `unknown property 'application' in the document; expected one of: ${CONFIG_KEYS}`, 2, 1]],
    ],
    ["a provider other than aws, at the value", "app: pugs\nprovider: gcp\n", [["config/schema", `'provider' must be one of: "aws"`, 2, 11]]],
    ["a value of the wrong type", "app: [pugs]\n", [["config/schema", "'app' must be a string", 1, 6]]],
    [
      "a nested value of the wrong type",
      "execution_units:\n  main:\n    pulumi_params: 512\n",
      [["config/schema", "'execution_units.main.pulumi_params' must be an object", 3, 20]],
    ],
    [
      "a badly formed type name",
      "persisted:\n  dogs:\n    type: DynamoDB\n",
      [
        [
          "config/schema",
          "'persisted.dogs.type' must match ^[a-z][a-z0-9_]*$ (A cloud resource type known to the provider, e.g. lambda, dynamodb, elasticache.)",
          3,
          11,
        ],
      ],
    ],
    [
      "badly formed resource ids, each at its key",
      "persisted:\n  ok: {}\n  'bad id': {}\n  also/bad!: {}\n",
      [
        ["config/schema", "property name 'bad id' in 'persisted' must match ^[A-Za-z0-9_.:/-]{1,64}$", 3, 3],
        ["config/schema", "property name 'also/bad!' in 'persisted' must match ^[A-Za-z0-9_.:/-]{1,64}$", 4, 3],
      ],
    ],
    ["rules that are not a list", "rules: ./policies\n", [["config/schema", "'rules' must be an array", 1, 8]]],
    ["a document that is not a mapping", "just text\n", [["config/schema", "the document must be an object", 1, 1]]],
    [
      "several problems at once",
      "app: 7\nprovider: azure\nout_dirr: x\n",
      [
        ["config/schema", `unknown property 'out_dirr' in the document; expected one of: ${CONFIG_KEYS}`, 3, 1],
        ["config/schema", "'app' must be a string", 1, 6],
        ["config/schema", `'provider' must be one of: "aws"`, 2, 11],
      ],
    ],
  ])("reports %s with its YAML line and column", (_name, text, expected) => {
    const project = tempProject({ "klotho.yaml": text });
    const result = readConfig(project.dir, undefined);
    expect(result.configFile).toBeUndefined();
    expect(result.diagnostics.map(located)).toEqual(expected);
    expect(result.diagnostics.every((d) => d.range?.file === "klotho.yaml" && d.severity === "error")).toBe(true);
    expect(result.sources.get("klotho.yaml")).toBe(text);
  });

  it("locates a schema error in a JSON config", () => {
    const project = tempProject({ "klotho.json": '{\n  "app": "a",\n  "provider": "gcp"\n}\n' });
    expect(readConfig(project.dir, project.path("klotho.json")).diagnostics.map(located)).toEqual([
      ["config/schema", `'provider' must be one of: "aws"`, 3, 15],
    ]);
  });

  it.each([
    ["a tab used as indentation", "app: a\n\tprovider: aws\n", [["config/invalid-yaml", "Invalid YAML: Tabs are not allowed as indentation", 2, 1]]],
    [
      "a key without a colon",
      "app: a\nprovider aws\nout_dir: c\n",
      [["config/invalid-yaml", "Invalid YAML: Implicit keys need to be on a single line", 2, 1]],
    ],
    ["a duplicated key", "app: a\napp: b\n", [["config/invalid-yaml", "Invalid YAML: Map keys must be unique", 2, 1]]],
    ["an unclosed quote", "app: 'a\n", [["config/invalid-yaml", "Invalid YAML: Missing closing 'quote", 2, 1]]],
  ])("reports a YAML syntax error (%s) with its position", (_name, text, expected) => {
    const project = tempProject({ "klotho.yaml": text });
    const result = readConfig(project.dir, undefined);
    expect(result.configFile).toBeUndefined();
    expect(result.diagnostics.map(located)).toEqual(expected);
  });

  it.each([
    ["trailing text", '{ "app": "a" }, }\n', [["config/invalid-json", "Invalid JSON: Unexpected non-whitespace character after JSON", 1, 15]]],
    ["a trailing comma", '{\n  "app": "a",\n}\n', [["config/invalid-json", "Invalid JSON: Expected double-quoted property name", 3, 1]]],
    ["a comment", '{ "app": "a" } # mine\n', [["config/invalid-json", "Invalid JSON: Unexpected non-whitespace character after JSON", 1, 16]]],
    ["YAML", "app: a\n", [["config/invalid-json", "Invalid JSON: Unexpected token 'a'", 1, 1]]],
  ])("reads a .json config as JSON: %s is a located syntax error", (_name, text, expected) => {
    const project = tempProject({ "cfg.json": text });
    const result = readConfig(project.dir, project.path("cfg.json"));
    expect(result.configFile).toBeUndefined();
    expect(result.diagnostics.map(located)).toEqual(expected);
  });

  it("accepts an empty klotho.yaml", () => {
    const project = tempProject({ "klotho.yaml": "# nothing yet\n" });
    expect(readConfig(project.dir, undefined).configFile?.config).toEqual({});
  });
});
