// @ts-check
"use strict";
/**
 * The secrets runtime: what a `@klotho::persist { secret = true }` fs import becomes. `readFile(name)`
 * reads the Secrets Manager secret `<app>-<stack>-<id>-<name>` (app and Pulumi stack from env
 * KLOTHO_APP_NAME and KLOTHO_STACK_NAME); see `secretName` for how the name is made.
 */
const path = require("node:path");
const { SecretsManagerClient, GetSecretValueCommand } = require("@aws-sdk/client-secrets-manager");
const { APP_NAME_ENV, STACK_NAME_ENV, requireEnv } = require("./env-names.js");
const { fsError } = require("./fs-errors.js");

/** @typedef {{ send(command: import("@aws-sdk/client-secrets-manager").GetSecretValueCommand): Promise<import("@aws-sdk/client-secrets-manager").GetSecretValueCommandOutput> }} SecretsClient */

/** @type {SecretsManagerClient | undefined} */
let defaultClient;

/**
 * The secret that holds file `name` of secret store `id` in Pulumi stack `stack`:
 * `<app>-<stack>-<id>-<name>`, where `name` is the path without a leading `./` or `/` and every
 * character Secrets Manager does not allow in a name (anything but letters, digits and `/_+=.@-`)
 * is replaced by `_`. The stack is in it because a name is unique in an account and region, where
 * two stacks of one app may both be.
 * @param {string} app
 * @param {string} stack
 * @param {string} id
 * @param {string} name
 * @returns {string}
 */
function secretName(app, stack, id, name) {
  const file = path.posix.resolve("/", name).slice(1);
  return `${app}-${stack}-${id}-${file}`.replace(/[^A-Za-z0-9/_+=.@-]/g, "_");
}

/** fs-style access to one secret store. `readFile` is bound, so `const { readFile } = secrets` works. */
class SecretsReader {
  #id;
  #client;

  /**
   * @param {{ id: string }} options the import's persist id
   * @param {{ client?: SecretsClient }} [dependencies] a Secrets Manager client (tests inject one)
   */
  constructor(options, dependencies = {}) {
    this.#id = options.id;
    this.#client = dependencies.client;
    Object.defineProperty(this, "readFile", { value: this.readFile.bind(this), enumerable: true });
  }

  /**
   * @overload
   * @param {string} name
   * @param {BufferEncoding | { encoding: BufferEncoding }} encoding
   * @returns {Promise<string>}
   */
  /**
   * @overload
   * @param {string} name
   * @param {{ encoding?: null } | null} [encoding]
   * @returns {Promise<Buffer>}
   */
  /**
   * The secret's value: a string secret as its UTF-8 bytes, a binary secret as its bytes.
   * @param {string} name
   * @param {BufferEncoding | { encoding?: BufferEncoding | null } | null} [encoding]
   * @returns {Promise<string | Buffer>}
   */
  async readFile(name, encoding) {
    const app = requireEnv(APP_NAME_ENV, "the app name, the first part of every secret's name");
    const stack = requireEnv(STACK_NAME_ENV, "the Pulumi stack's name, the second part of every secret's name");
    const secretId = secretName(app, stack, this.#id, name);
    const client = this.#client ?? (defaultClient ??= new SecretsManagerClient({}));
    let output;
    try {
      output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (error) {
      if (error instanceof Error && error.name === "ResourceNotFoundException") {
        throw Object.assign(fsError("ENOENT", "open", name), { message: `ENOENT: no such file or directory, open '${name}' (no secret named '${secretId}')` });
      }
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`klotho secrets '${this.#id}': reading secret '${secretId}' failed: ${reason}`, { cause: error });
    }
    const bytes = output.SecretBinary !== undefined ? Buffer.from(output.SecretBinary) : Buffer.from(output.SecretString ?? "", "utf8");
    const chosen = typeof encoding === "string" ? encoding : (encoding?.encoding ?? undefined);
    return chosen ? bytes.toString(chosen) : bytes;
  }
}

/**
 * Creates the secret store for a `@klotho::persist { secret = true }` fs import.
 * @param {{ id: string }} options
 * @param {{ client?: SecretsClient }} [dependencies]
 * @returns {SecretsReader}
 */
function createSecrets(options, dependencies) {
  return new SecretsReader(options, dependencies);
}

module.exports = { createSecrets, secretName, SecretsReader };
