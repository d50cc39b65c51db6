/* Generated from schemas/annotations/persist.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Directives of @klotho::persist: the annotated Map, fs import, ORM or redis client is stored in the cloud.
 */
export interface PersistDirectives {
  /**
   * Identifier of the resource: 1-64 characters of letters, digits and _ . : / -
   */
  id: string;
  /**
   * On an fs import: the files read are secrets (Secrets Manager).
   */
  secret?: boolean;
  /**
   * On a Map: seconds after which an entry expires.
   */
  ttl?: number;
  /**
   * On a Map: writes use optimistic locking.
   */
  versioned?: boolean;
  /**
   * On a Map: writes are batched.
   */
  batch_write?: boolean;
  /**
   * On a Map: a value is written only when it changed.
   */
  write_on_change?: boolean;
  /**
   * Environment variables the execution unit receives, each naming a resource attribute such as orm.connection_string.
   */
  environment_variables?: {
    /**
     * <kind>.<attribute>, e.g. redis_node.host.
     */
    [k: string]: string | undefined;
  };
}
