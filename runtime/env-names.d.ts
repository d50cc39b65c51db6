// Generated from runtime/env-names.js by test/runtime/declarations.test.ts; do not edit.
/**
 * Names of the environment variables through which the Pulumi program tells the runtime where its
 * resources are: `KLOTHO_<KIND>_<ID>_<ATTR>`. The compiler imports this file too, so both sides
 * always agree on a name.
 */
/** The DynamoDB table that holds every kv map of the app. */
export const KV_TABLE_ENV: "KLOTHO_KV_TABLE";
/** The app name (`--app`), the first part of every secret's name. */
export const APP_NAME_ENV: "KLOTHO_APP_NAME";
/** The Pulumi stack's name, the second part of every secret's name. */
export const STACK_NAME_ENV: "KLOTHO_STACK_NAME";
/** Optional: how long the dispatcher waits for the entrypoint to register its app, in milliseconds. */
export const APP_WAIT_ENV: "KLOTHO_APP_WAIT_MS";
/**
 * One part of an env var name: upper-cased, every character outside `A-Z0-9` replaced by `_`.
 * @param {string} part
 * @returns {string}
 */
export function envSegment(part: string): string;
/**
 * `KLOTHO_<KIND>_<ID>_<ATTR>`, e.g. `envName("fs", "user-files", "bucket")` → `KLOTHO_FS_USER_FILES_BUCKET`.
 * @param {string} kind
 * @param {string} id
 * @param {string} attr
 * @returns {string}
 */
export function envName(kind: string, id: string, attr: string): string;
/**
 * The env var holding the ARN of the SNS topic for event `topic` of emitter `emitterId`:
 * `KLOTHO_PUBSUB_<ID>_<TOPIC>_ARN`.
 * @param {string} emitterId
 * @param {string} topic
 * @returns {string}
 */
export function topicArnEnvName(emitterId: string, topic: string): string;
/**
 * The value of env var `name`; throws an error saying what it is for when it is unset or empty.
 * @param {string} name
 * @param {string} purpose what the value locates, e.g. "the S3 bucket of fs 'files'"
 * @returns {string}
 */
export function requireEnv(name: string, purpose: string): string;
