/** Capabilities klotho understands; each has `schemas/annotations/<name>.schema.json`. */
export const KNOWN_CAPABILITIES: readonly string[] = [
  "embed_assets",
  "execution_unit",
  "expose",
  "persist",
  "pubsub",
  "static_unit",
];

/** Capabilities that describe the whole file rather than the statement after them. */
export const FILE_LEVEL_CAPABILITIES: readonly string[] = ["embed_assets", "execution_unit", "static_unit"];
