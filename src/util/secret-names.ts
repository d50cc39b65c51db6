import path from "node:path";

/**
 * The Secrets Manager name of file `name` of secret store `id`: `<app>-<id>-<name>` with the
 * path made relative (no leading `./` or `/`) and every character Secrets Manager does not allow
 * in a name replaced by `_`. The runtime makes the same name (runtime/secrets.js `secretName`,
 * which needs the AWS SDK and so cannot be imported here); a test proves they agree. Two paths
 * whose names are the same would share one secret: the compile refuses them (persist/secret-name-clash).
 */
export function secretName(app: string, id: string, name: string): string {
  return `${app}-${id}-${secretPath(name)}`.replace(/[^A-Za-z0-9/_+=.@-]/g, "_");
}

/** The file a secret's path names, as the runtime reads it: relative to the root, `.` and `..` resolved (`/a/../b.txt`, `./b.txt` → `b.txt`). */
export function secretFile(name: string): string {
  return path.posix.resolve("/", name).slice(1);
}

/** The part of a secret's name its path gives (its file, characters Secrets Manager does not allow replaced): what two files must not share. */
export function secretPath(name: string): string {
  return secretFile(name).replace(/[^A-Za-z0-9/_+=.@-]/g, "_");
}
