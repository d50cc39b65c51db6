import type { Node } from "@babel/types";

/** The name a non-computed object key writes: `port` for `port:` and `"port":`; undefined for any other key. */
export function propertyKeyName(key: Node): string | undefined {
  return key.type === "Identifier" ? key.name : key.type === "StringLiteral" ? key.value : undefined;
}
