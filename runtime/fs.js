// @ts-check
"use strict";
/**
 * The fs runtime: what a `@klotho::persist` `fs/promises` import becomes. A subset of fs/promises
 * on the S3 bucket in env KLOTHO_FS_<ID>_BUCKET. A path is an object key that does not depend on
 * where the unit's folder is (`/var/task` in Lambda, `/app` in a container): a path inside the unit's
 * folder is its path relative to it (`path.join(__dirname, "a/b.txt")` in the folder's root file,
 * `./a/b.txt` and `a/b.txt` are key `a/b.txt`), any other absolute path is itself without the
 * leading slash (`/a/b.txt` is key `a/b.txt` too). A directory exists when a key lies below it or
 * `mkdir` wrote its marker object `<dir>/`. Errors for missing paths look like fs's (`code: "ENOENT"`).
 */
const path = require("node:path");
const { fileURLToPath } = require("node:url");
const { toBytes } = require("./fs-data.js");
const { fsError, isDirectoryError } = require("./fs-errors.js");
const { S3Objects } = require("./s3-objects.js");

/** @typedef {string | Buffer | URL} PathLike */
/** @typedef {import("./fs-data.js").FileData} FileData */
/** @typedef {BufferEncoding | { encoding?: BufferEncoding | null, flag?: string } | null | undefined} FileOptions */

const METHODS = /** @type {const} */ (["readFile", "writeFile", "appendFile", "readdir", "access", "stat", "rm", "unlink", "mkdir", "rename", "copyFile"]);
/** fs.constants.COPYFILE_EXCL: copyFile fails when the destination exists. */
const COPYFILE_EXCL = 1;
/** The unit's folder: the one holding klotho_runtime/, where this file is. */
const UNIT_ROOT = path.dirname(__dirname);

/** The type questions fs.Stats and fs.Dirent answer. */
class EntryType {
  /** @param {boolean} directory */
  constructor(directory) {
    this.directory = directory;
  }
  isFile() {
    return !this.directory;
  }
  isDirectory() {
    return this.directory;
  }
  isSymbolicLink() {
    return false;
  }
}

/** What `stat` returns: the size, the modification time and the type of an object. */
class S3Stats extends EntryType {
  /** @param {number} size @param {Date} mtime @param {boolean} directory */
  constructor(size, mtime, directory) {
    super(directory);
    this.size = size;
    this.mtime = mtime;
    this.mtimeMs = mtime.getTime();
  }
}

/** What `readdir(dir, { withFileTypes: true })` returns for each entry. */
class S3Dirent extends EntryType {
  /** @param {string} name @param {string} parentPath @param {boolean} directory */
  constructor(name, parentPath, directory) {
    super(directory);
    this.name = name;
    this.parentPath = parentPath;
  }
}

/** fs/promises on one S3 bucket. Methods are bound, so `const { readFile } = fs` works. */
class S3FileSystem {
  #objects;
  #root;

  /**
   * @param {{ id: string }} options the fs import's persist id
   * @param {{ client?: import("@aws-sdk/client-s3").S3Client }} [dependencies]
   */
  constructor(options, dependencies = {}) {
    this.#objects = new S3Objects(options.id, dependencies.client);
    this.#root = UNIT_ROOT;
    for (const name of METHODS) Object.defineProperty(this, name, { value: this[name].bind(this), enumerable: true });
  }

  /**
   * @overload
   * @param {PathLike} file
   * @param {BufferEncoding | { encoding: BufferEncoding, flag?: string }} options
   * @returns {Promise<string>}
   */
  /**
   * @overload
   * @param {PathLike} file
   * @param {{ encoding?: null, flag?: string } | null} [options]
   * @returns {Promise<Buffer>}
   */
  /**
   * @param {PathLike} file
   * @param {FileOptions} [options]
   * @returns {Promise<string | Buffer>}
   */
  async readFile(file, options) {
    const bytes = await this.#objects.read(this.#key(file), call("readFile", file));
    if (bytes === undefined) throw fsError("ENOENT", "open", display(file));
    const encoding = encodingOf(options);
    return encoding ? bytes.toString(encoding) : bytes;
  }

  /** Replaces the file (flag "a…" appends, "…x" fails when it exists). @param {PathLike} file @param {FileData} data @param {FileOptions} [options] @returns {Promise<void>} */
  async writeFile(file, data, options) {
    const flag = typeof options === "object" && options !== null ? (options.flag ?? "w") : "w";
    if (flag.startsWith("a")) return this.appendFile(file, data, options);
    const key = this.#key(file);
    if (flag.includes("x") && (await this.#objects.probe(key, call("writeFile", file))) !== undefined) throw fsError("EEXIST", "open", display(file));
    await this.#objects.write(key, await toBytes(data, encodingOf(options)), call("writeFile", file));
  }

  /** Reads the object and writes it back longer (not atomic). @param {PathLike} file @param {FileData} data @param {FileOptions} [options] */
  async appendFile(file, data, options) {
    const key = this.#key(file);
    const added = await toBytes(data, encodingOf(options));
    const existing = (await this.#objects.read(key, call("appendFile", file))) ?? Buffer.alloc(0);
    await this.#objects.write(key, Buffer.concat([existing, added]), call("appendFile", file));
  }

  /**
   * @overload
   * @param {PathLike} dir
   * @param {{ withFileTypes: true, recursive?: boolean }} options
   * @returns {Promise<S3Dirent[]>}
   */
  /**
   * @overload
   * @param {PathLike} dir
   * @param {{ withFileTypes?: false, recursive?: boolean } | BufferEncoding | null} [options]
   * @returns {Promise<string[]>}
   */
  /**
   * The names in a directory, sorted. With `recursive`, as in fs, the paths of everything below it
   * relative to it (`a`, `a/b`, `a/b/c.txt`: folders between included), sorted, and file types
   * whose `parentPath` is the folder holding each.
   * @param {PathLike} dir
   * @param {{ withFileTypes?: boolean, recursive?: boolean } | BufferEncoding | null} [options]
   * @returns {Promise<string[] | S3Dirent[]>}
   */
  async readdir(dir, options) {
    const key = this.#key(dir);
    const what = call("readdir", dir);
    const recursive = typeof options === "object" && options?.recursive === true;
    const entries = recursive ? await this.#objects.descendants(key, what) : await this.#objects.children(key, what);
    if (entries.size === 0 && key !== "") {
      const probe = await this.#objects.probe(key, what);
      if (probe === undefined) throw fsError("ENOENT", "scandir", display(dir));
      if (probe.kind === "file") throw fsError("ENOTDIR", "scandir", display(dir));
    }
    const names = [...entries.keys()].sort();
    if (typeof options !== "object" || !options?.withFileTypes) return names;
    return names.map((name) => {
      const parent = path.posix.dirname(name);
      return new S3Dirent(path.posix.basename(name), parent === "." ? display(dir) : path.join(display(dir), parent), entries.get(name) === true);
    });
  }

  /** Resolves when the file or directory exists. @param {PathLike} file @param {number} [_mode] */
  async access(file, _mode) {
    if ((await this.#objects.probe(this.#key(file), call("access", file))) === undefined) throw fsError("ENOENT", "access", display(file));
  }

  /** @param {PathLike} file @returns {Promise<S3Stats>} */
  async stat(file) {
    const probe = await this.#objects.probe(this.#key(file), call("stat", file));
    if (probe === undefined) throw fsError("ENOENT", "stat", display(file));
    return probe.kind === "file" ? new S3Stats(probe.size, probe.mtime, false) : new S3Stats(0, new Date(0), true);
  }

  /** @param {PathLike} file @param {{ recursive?: boolean, force?: boolean }} [options] */
  async rm(file, options = {}) {
    const key = this.#key(file);
    const probe = await this.#objects.probe(key, call("rm", file));
    if (probe === undefined) {
      if (options.force) return;
      throw fsError("ENOENT", "lstat", display(file));
    }
    if (probe.kind === "file") return this.#objects.delete(key, call("rm", file));
    if (!options.recursive) throw isDirectoryError(display(file));
    await this.#objects.deleteBelow(key === "" ? "" : `${key}/`, call("rm", file));
  }

  /** @param {PathLike} file */
  async unlink(file) {
    const key = this.#key(file);
    const probe = await this.#objects.probe(key, call("unlink", file));
    if (probe === undefined) throw fsError("ENOENT", "unlink", display(file));
    if (probe.kind === "directory") throw fsError("EISDIR", "unlink", display(file));
    await this.#objects.delete(key, call("unlink", file));
  }

  /**
   * Moves a file to another key (a copy, then the old object deleted: not atomic). Like fs, a missing
   * source is ENOENT and a directory EISDIR (S3 has no folders to move in one step); the target is
   * replaced, and a file renamed to itself stays.
   * @param {PathLike} from @param {PathLike} to
   */
  async rename(from, to) {
    await this.#copy(from, to, 0, "rename");
    if (this.#key(from) !== this.#key(to)) await this.#objects.delete(this.#key(from), call("rename", from));
  }

  /**
   * Copies a file's object to another key; with `mode` COPYFILE_EXCL (fs.constants), fails with EEXIST
   * when the destination exists. A missing source is ENOENT, a directory (source or destination) EISDIR.
   * @param {PathLike} from @param {PathLike} to @param {number} [mode]
   */
  async copyFile(from, to, mode = 0) {
    await this.#copy(from, to, mode, "copyfile");
  }

  /** The object key of a path (see `toKey`). @param {PathLike} file @returns {string} */
  #key(file) {
    return toKey(file, this.#root);
  }

  /** @param {PathLike} from @param {PathLike} to @param {number} mode @param {"copyfile" | "rename"} syscall how errors name the call, as fs does */
  async #copy(from, to, mode, syscall) {
    const source = this.#key(from);
    const target = this.#key(to);
    const method = syscall === "rename" ? "rename" : "copyFile";
    const bytes = await this.#objects.read(source, call(method, from));
    if (bytes === undefined) {
      const probe = await this.#objects.probe(source, call(method, from));
      throw fsError(probe?.kind === "directory" ? "EISDIR" : "ENOENT", syscall, display(from), display(to));
    }
    const existing = source === target ? undefined : await this.#objects.probe(target, call(method, to));
    if (existing?.kind === "directory") throw fsError("EISDIR", syscall, display(from), display(to));
    if ((mode & COPYFILE_EXCL) !== 0 && existing !== undefined) throw fsError("EEXIST", syscall, display(from), display(to));
    if (source !== target) await this.#objects.write(target, bytes, call(method, to));
  }

  /**
   * Writes the directory's marker object. Like fs, fails with EEXIST when it exists (unless
   * `recursive`) and with ENOENT when the parent is missing (unless `recursive`).
   * @param {PathLike} dir
   * @param {{ recursive?: boolean, mode?: number } | number} [options]
   * @returns {Promise<string | undefined>} with `recursive`, the path when it was created
   */
  async mkdir(dir, options) {
    const key = this.#key(dir);
    const recursive = typeof options === "object" && options.recursive === true;
    const probe = await this.#objects.probe(key, call("mkdir", dir));
    if (probe?.kind === "file" || (probe !== undefined && !recursive)) throw fsError("EEXIST", "mkdir", display(dir));
    if (probe !== undefined) return undefined;
    const parent = path.posix.dirname(key);
    if (!recursive && parent !== "." && (await this.#objects.probe(parent, call("mkdir", dir)))?.kind !== "directory") {
      throw fsError("ENOENT", "mkdir", display(dir));
    }
    await this.#objects.write(`${key}/`, Buffer.alloc(0), call("mkdir", dir));
    return recursive ? display(dir) : undefined;
  }
}

/**
 * Creates the fs for a `@klotho::persist` fs import.
 * @param {{ id: string }} options
 * @param {{ client?: import("@aws-sdk/client-s3").S3Client }} [dependencies]
 * @returns {S3FileSystem}
 */
function createFs(options, dependencies) {
  return new S3FileSystem(options, dependencies);
}

/**
 * The object key of a path, without `.`/`..` segments or slashes at the ends, the same in every kind
 * of unit. A relative path is taken from the unit's folder, a deployed unit's working folder (also
 * when a unit runs locally from elsewhere), and `..` stops at it as at `/`. An absolute path inside
 * the unit's folder is keyed by its path relative to it, so `path.join(__dirname, "reports", n)`
 * names one object in a Lambda unit (`/var/task`) and in a container (`/app`); any other absolute
 * path by itself without the leading slash (`/tmp/x` → `tmp/x`).
 * @param {PathLike} file
 * @param {string} root the unit's folder, absolute
 * @returns {string}
 */
function toKey(file, root) {
  const written = display(file);
  if (!path.isAbsolute(written)) return keyOf(path.posix.resolve("/", keyOf(written)));
  const absolute = path.resolve(written);
  const inside = path.relative(root, absolute);
  const outside = inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside);
  return keyOf(outside ? absolute.slice(path.parse(absolute).root.length) : inside);
}

/** @param {string} file a path with the platform's separators or `/` @returns {string} its segments joined by `/` */
function keyOf(file) {
  return file.split(path.sep).join("/").split("/").filter((part) => part !== "").join("/");
}

/** @param {PathLike} file @returns {string} */
function display(file) {
  return file instanceof URL ? fileURLToPath(file) : file.toString();
}

/** @param {string} method @param {PathLike} file @returns {string} how errors name the call */
function call(method, file) {
  return `${method}('${display(file)}')`;
}

/** @param {FileOptions} options @returns {BufferEncoding | undefined} */
function encodingOf(options) {
  if (typeof options === "string") return options;
  return options?.encoding ?? undefined;
}

module.exports = { createFs, toKey, S3FileSystem, S3Stats, S3Dirent, METHODS };
