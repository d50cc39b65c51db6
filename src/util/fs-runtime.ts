/**
 * The fs/promises functions klotho's S3 file system (runtime/fs.js, its METHODS) implements: what a
 * `@klotho::persist` fs import may call.
 */
export const FS_RUNTIME_METHODS: readonly string[] = ["readFile", "writeFile", "appendFile", "readdir", "access", "stat", "rm", "unlink", "mkdir", "rename", "copyFile"];

/**
 * The functions of Node's fs/promises (22's, `glob` included). A persisted import's shim exports each
 * name, so that an ES module naming one the runtime lacks still loads; calling it throws.
 */
export const FS_PROMISES_FUNCTIONS: readonly string[] = [
  "access", "appendFile", "chmod", "chown", "copyFile", "cp", "glob", "lchmod", "lchown", "link", "lstat", "lutimes", "mkdir", "mkdtemp", "open", "opendir",
  "readFile", "readdir", "readlink", "realpath", "rename", "rm", "rmdir", "stat", "statfs", "symlink", "truncate", "unlink", "utimes", "watch", "writeFile",
];
