// @ts-check
"use strict";
/**
 * The S3 calls of the fs runtime, on the bucket in env KLOTHO_FS_<ID>_BUCKET. A missing object
 * reads as undefined; other failures become errors naming the fs id, the operation and the path.
 */
const {
  S3Client,
  GetObjectCommand,
  PutObjectCommand,
  HeadObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
} = require("@aws-sdk/client-s3");
const { envName, requireEnv } = require("./env-names.js");

/** @typedef {{ kind: "file", size: number, mtime: Date } | { kind: "directory" }} Probe */

/** @type {S3Client | undefined} */
let defaultClient;

/** The objects of one fs's bucket. */
class S3Objects {
  #fsId;
  #client;

  /**
   * @param {string} fsId the fs import's persist id
   * @param {S3Client | undefined} client a client to use instead of the default one
   */
  constructor(fsId, client) {
    this.#fsId = fsId;
    this.#client = client;
  }

  /**
   * Whether `key` is a file (an object), a directory (objects below `key/`) or nothing.
   * @param {string} key "" for the bucket root
   * @param {string} what the fs call, for errors
   * @returns {Promise<Probe | undefined>}
   */
  async probe(key, what) {
    if (key === "") return { kind: "directory" };
    try {
      const head = await this.#s3().send(new HeadObjectCommand({ Bucket: this.#bucket(), Key: key }));
      return { kind: "file", size: head.ContentLength ?? 0, mtime: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (!isNotFound(error)) throw this.#wrap(error, what);
    }
    // ListObjects (v1) for one key: V2 would return a continuation token, which s3rver cannot make on Node >= 17.
    const page = await this.#attempt(what, this.#s3().send(new ListObjectsCommand({ Bucket: this.#bucket(), Prefix: `${key}/`, MaxKeys: 1 })));
    return (page.Contents?.length ?? 0) > 0 ? { kind: "directory" } : undefined;
  }

  /**
   * The names directly below directory `key`, each with whether it is a directory.
   * @param {string} key
   * @param {string} what
   * @returns {Promise<Map<string, boolean>>}
   */
  async children(key, what) {
    const prefix = key === "" ? "" : `${key}/`;
    /** @type {Map<string, boolean>} */
    const entries = new Map();
    for await (const page of this.#list(prefix, "/", what)) {
      for (const object of page.Contents ?? []) {
        const name = (object.Key ?? "").slice(prefix.length);
        if (name !== "") entries.set(name, false);
      }
      for (const common of page.CommonPrefixes ?? []) entries.set((common.Prefix ?? "").slice(prefix.length, -1), true);
    }
    return entries;
  }

  /**
   * Every path below directory `key`, relative to it, each with whether it is a directory: a
   * listing without a delimiter, so the folders between a key and `key` count too (`a`, `a/b` of
   * `a/b/c.txt`), as do empty folders' markers.
   * @param {string} key
   * @param {string} what
   * @returns {Promise<Map<string, boolean>>}
   */
  async descendants(key, what) {
    const prefix = key === "" ? "" : `${key}/`;
    /** @type {Map<string, boolean>} */
    const entries = new Map();
    for await (const page of this.#list(prefix, undefined, what)) {
      for (const object of page.Contents ?? []) {
        const relative = (object.Key ?? "").slice(prefix.length);
        const segments = relative.split("/");
        const isMarker = relative.endsWith("/");
        if (isMarker) segments.pop();
        for (let depth = 1; depth <= segments.length; depth += 1) {
          const name = segments.slice(0, depth).join("/");
          const directory = depth < segments.length || isMarker;
          // A folder wins over an object of the same name, as in `children`.
          if (directory || !entries.has(name)) entries.set(name, directory);
        }
      }
    }
    entries.delete("");
    return entries;
  }

  /** @param {string} key @param {string} what @returns {Promise<Buffer | undefined>} undefined when there is no such object */
  async read(key, what) {
    try {
      const object = await this.#s3().send(new GetObjectCommand({ Bucket: this.#bucket(), Key: key }));
      return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.#wrap(error, what);
    }
  }

  /** @param {string} key @param {Buffer} body @param {string} what */
  async write(key, body, what) {
    await this.#attempt(what, this.#s3().send(new PutObjectCommand({ Bucket: this.#bucket(), Key: key, Body: body })));
  }

  /** @param {string} key @param {string} what */
  async delete(key, what) {
    await this.#attempt(what, this.#s3().send(new DeleteObjectCommand({ Bucket: this.#bucket(), Key: key })));
  }

  /** Deletes every object whose key starts with `prefix`. @param {string} prefix @param {string} what */
  async deleteBelow(prefix, what) {
    for await (const page of this.#list(prefix, undefined, what)) {
      const objects = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [{ Key: object.Key }]));
      if (objects.length === 0) continue;
      const result = await this.#attempt(what, this.#s3().send(new DeleteObjectsCommand({ Bucket: this.#bucket(), Delete: { Objects: objects } })));
      const failed = result.Errors?.[0];
      if (failed) throw new Error(`${this.#prefix(what)} could not delete '${failed.Key ?? ""}': ${failed.Code ?? ""}: ${failed.Message ?? ""}`);
    }
  }

  /** ListObjectsV2 pages (up to 1000 keys each). @param {string} prefix @param {string | undefined} delimiter @param {string} what */
  async *#list(prefix, delimiter, what) {
    /** @type {string | undefined} */
    let token;
    do {
      const command = new ListObjectsV2Command({ Bucket: this.#bucket(), Prefix: prefix, Delimiter: delimiter, ContinuationToken: token });
      const page = await this.#attempt(what, this.#s3().send(command));
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** @returns {string} */
  #bucket() {
    return requireEnv(envName("fs", this.#fsId, "bucket"), `the S3 bucket of fs '${this.#fsId}'`);
  }

  /** @returns {S3Client} */
  #s3() {
    // Local emulators (s3rver, MinIO, LocalStack) want path-style URLs; AWS itself does not need them.
    const customEndpoint = Boolean(process.env["AWS_ENDPOINT_URL_S3"] || process.env["AWS_ENDPOINT_URL"]);
    return this.#client ?? (defaultClient ??= new S3Client(customEndpoint ? { forcePathStyle: true } : {}));
  }

  /**
   * @template T
   * @param {string} what
   * @param {Promise<T>} call
   * @returns {Promise<T>}
   */
  async #attempt(what, call) {
    try {
      return await call;
    } catch (error) {
      throw this.#wrap(error, what);
    }
  }

  /** @param {unknown} error @param {string} what @returns {Error} */
  #wrap(error, what) {
    if (error instanceof Error && error.message.startsWith("klotho")) return error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new Error(`${this.#prefix(what)} failed: ${reason}`, { cause: error });
  }

  /** @param {string} what */
  #prefix(what) {
    return `klotho fs '${this.#fsId}': ${what}`;
  }
}

/**
 * Whether an S3 error means "no such object".
 * @param {unknown} error
 * @returns {boolean}
 */
function isNotFound(error) {
  return error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound");
}

module.exports = { S3Objects };
