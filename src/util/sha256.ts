import { hash } from "node:crypto";

/**
 * The SHA-256 of a text (its UTF-8) or of bytes, in hex. Node's one-shot `hash` (Node 20.12 on): a
 * Hash object per call took about three times as long for the short texts names are made from.
 */
export function sha256(content: string | Uint8Array): string {
  return hash("sha256", content, "hex");
}
