/* Generated from schemas/annotations/static_unit.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Directives of @klotho::static_unit: files served as a static site.
 */
export interface StaticUnitDirectives {
  /**
   * Identifier of the resource: 1-64 characters of letters, digits and _ . : / -
   */
  id: string;
  /**
   * The page served for the site root, e.g. index.html.
   */
  index_document?: string;
  /**
   * Whether a path with no file (a single-page app's deep link, /dashboard) is answered with the index document and status 200; true by default when index_document is given.
   */
  spa_fallback?: boolean;
  /**
   * Files that belong to the static site only.
   *
   * Items: A glob (picomatch syntax).
   */
  static_files?: string[];
  /**
   * Files served by the static site and kept in the code units too.
   *
   * Items: A glob (picomatch syntax).
   */
  shared_files?: string[];
}
