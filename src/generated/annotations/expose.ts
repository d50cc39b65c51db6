/* Generated from schemas/annotations/expose.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Directives of @klotho::expose: the server that listens in the annotated statement is exposed through a gateway.
 */
export interface ExposeDirectives {
  /**
   * Identifier of the resource: 1-64 characters of letters, digits and _ . : / -
   */
  id: string;
  /**
   * Who can reach the gateway; only public is supported.
   */
  target: "public";
  /**
   * API Gateway flavour: REST (v1, default) or HTTP (v2).
   */
  api_type?: "REST" | "HTTP";
}
