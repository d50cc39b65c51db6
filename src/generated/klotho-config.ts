/* Generated from schemas/klotho-config.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * A cloud resource type known to the provider, e.g. lambda, dynamodb, elasticache.
 */
export type Type = string;

/**
 * klotho.yaml: the project's compile settings (input) and the fully resolved configuration klotho writes to compiled/klotho.yaml (output).
 */
export interface KlothoConfig {
  /**
   * Application name: it names the Pulumi project and stack and the topology files (<app>.json, .svg, .png), and is part of the names of ECS task families, log groups and Secrets Manager secrets; other cloud resources are named after their ids.
   */
  app?: string;
  /**
   * Cloud provider to compile for.
   */
  provider?: "aws";
  /**
   * Project folder to compile, relative to this file. Read only from a file given with -c (such as compiled/klotho.yaml): a klotho.yaml found in the folder being compiled is in the project already, and a path there naming another folder is ignored with a warning.
   */
  path?: string;
  /**
   * Output folder, relative to the project folder (default: compiled).
   */
  out_dir?: string;
  /**
   * Extra rule files or folders of rule files (organisation policy), relative to this file; loaded after the built-in rules.
   *
   * Items: A rule file or a folder of rule files.
   */
  rules?: string[];
  /**
   * Default cloud type and parameters per kind of resource.
   */
  defaults?: {
    execution_unit?: KindDefaults;
    static_unit?: KindDefaults;
    expose?: KindDefaults;
    pubsub?: KindDefaults;
    /**
     * Defaults per kind of persistence.
     */
    persist?: {
      kv?: KindDefaults;
      fs?: KindDefaults;
      secret?: KindDefaults;
      orm?: KindDefaults;
      redis_node?: KindDefaults;
      redis_cluster?: KindDefaults;
    };
  };
  execution_units?: Overrides;
  exposed?: Overrides;
  persisted?: Overrides;
  pubsub?: Overrides;
  static_unit?: Overrides;
}
export interface KindDefaults {
  type?: Type;
  /**
   * Default parameters for each type this kind can take.
   */
  pulumi_params_by_type?: {
    [k: string]: Params | undefined;
  };
}
/**
 * Parameters passed to the Pulumi resource for this type.
 */
export interface Params {
  [k: string]: unknown | undefined;
}
export interface Overrides {
  [k: string]: Override | undefined;
}
export interface Override {
  type?: Type;
  pulumi_params?: Params;
  /**
   * Environment variables the execution unit receives (name to value); only under execution_units, ignored with a warning elsewhere.
   */
  environment_variables?: {
    [k: string]: string | undefined;
  };
}
