/* Generated from schemas/annotations/embed_assets.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Directives of @klotho::embed_assets: files copied into the annotated file's execution unit.
 */
export interface EmbedAssetsDirectives {
  /**
   * Files to copy into the unit.
   *
   * Items: A glob (picomatch syntax).
   */
  include: string[];
  /**
   * Files not to copy, even when included.
   *
   * Items: A glob (picomatch syntax).
   */
  exclude?: string[];
}
