/* Generated from schemas/annotations/pubsub.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Directives of @klotho::pubsub: the annotated exported EventEmitter becomes a topic service.
 */
export interface PubsubDirectives {
  /**
   * Identifier of the resource: 1-64 characters of letters, digits and _ . : / -
   */
  id: string;
}
