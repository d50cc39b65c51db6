/* Generated from schemas/annotations/execution_unit.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Directives of @klotho::execution_unit: the file belongs to the named execution unit.
 */
export interface ExecutionUnitDirectives {
  /**
   * Identifier of the resource: 1-64 characters of letters, digits and _ . : / -
   */
  id: string;
}
