/**
 * Names of the environment variables through which the program tells klotho's runtime where its
 * resources are. The runtime makes them in runtime/env-names.js; klotho's installed package does
 * not ship runtime/ as a module it can import (package.json `files`), so the names are made here
 * the same way, and a test proves both agree on every kind of id.
 */

/** The DynamoDB table of every kv map. */
export const KV_TABLE_ENV = "KLOTHO_KV_TABLE";
/** The app name, the first part of every secret's name. */
export const APP_NAME_ENV = "KLOTHO_APP_NAME";
/** The Pulumi stack's name, the second part of every secret's name. */
export const STACK_NAME_ENV = "KLOTHO_STACK_NAME";

/** One part of a name: upper-cased, every character outside `A-Z0-9` replaced by `_`. */
export function envSegment(part: string): string {
  return part.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** `KLOTHO_<KIND>_<ID>_<ATTR>`, e.g. `envName("fs", "user-files", "bucket")` → `KLOTHO_FS_USER_FILES_BUCKET`. */
export function envName(kind: string, id: string, attr: string): string {
  return `KLOTHO_${envSegment(kind)}_${envSegment(id)}_${envSegment(attr)}`;
}

/** `KLOTHO_PUBSUB_<ID>_<TOPIC>_ARN`: the ARN of the SNS topic for event `topic` of emitter `emitterId`. */
export function topicArnEnvName(emitterId: string, topic: string): string {
  return envName("pubsub", `${emitterId}_${topic}`, "arn");
}
