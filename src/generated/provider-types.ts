/* Generated from schemas/provider-types.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * The cloud types a provider offers for each kind of resource, with their default parameters (providers/<provider>/types.yaml).
 */
export interface ProviderTypeTable {
  /**
   * The provider the table belongs to, e.g. aws.
   */
  provider: string;
  /**
   * Every type the provider offers, one entry per kind it can implement.
   */
  types: ProviderType[];
}
/**
 * One cloud type for one kind of resource.
 */
export interface ProviderType {
  /**
   * Type name as klotho.yaml and rules write it, e.g. lambda or dynamodb.
   */
  type: string;
  /**
   * Kind of resource the type implements, e.g. exec_unit or persist_kv.
   */
  kind: string;
  /**
   * What the type is, in one sentence.
   */
  description: string;
  /**
   * Default parameters of the type (the lowest-precedence layer of a resource's params).
   */
  params: {
    [k: string]: unknown | undefined;
  };
}
