// @ts-check
"use strict";
/** Errors shaped like Node's fs errors (`code`, `errno`, `syscall`, `path`), so user code that checks `error.code` keeps working. */
const os = require("node:os");

const DESCRIPTIONS = {
  ENOENT: "no such file or directory",
  EEXIST: "file already exists",
  EISDIR: "illegal operation on a directory",
  ENOTDIR: "not a directory",
};

/**
 * @typedef {Error & { code: string, errno?: number, syscall?: string, path?: string, dest?: string }} FsError
 */

/**
 * An error like the one `fs` throws, e.g. `ENOENT: no such file or directory, open 'a.txt'`.
 * @param {keyof typeof DESCRIPTIONS} code
 * @param {string} syscall
 * @param {string} path the path as the caller gave it
 * @param {string} [dest] the destination of a two-path call (copyfile), as the caller gave it
 * @returns {FsError}
 */
function fsError(code, syscall, path, dest) {
  const error = Object.assign(new Error(`${code}: ${DESCRIPTIONS[code]}, ${syscall} '${path}'${dest === undefined ? "" : ` -> '${dest}'`}`), {
    code,
    errno: -os.constants.errno[code],
    syscall,
    path,
    ...(dest === undefined ? {} : { dest }),
  });
  return error;
}

/**
 * What `fs.rm` throws for a directory without `recursive`.
 * @param {string} path
 * @returns {FsError}
 */
function isDirectoryError(path) {
  return Object.assign(new Error(`Path is a directory: rm returned EISDIR (is a directory) ${path}`), { code: "ERR_FS_EISDIR", path });
}

module.exports = { fsError, isDirectoryError };
