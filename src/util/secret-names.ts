import path from "node:path";

/** Characters Secrets Manager does not allow in a secret's name. */
const NOT_IN_NAMES = /[^A-Za-z0-9/_+=.@-]/g;

/**
 * The Secrets Manager name of file `name` of secret store `id` is `<app>-<stack>-<id>-<name>`, with
 * the path made relative (no leading `./` or `/`) and every character Secrets Manager does not allow
 * in a name replaced by `_`; the stack (`pulumi.getStack()`) is in it because a name is unique in an
 * account and region, where `dev` and `prod` stacks of one app may both be. These are the parts
 * before and after the stack's name, which the program knows only when it runs. The runtime makes
 * the same name (runtime/secrets.js `secretName`, which needs the AWS SDK and so cannot be imported
 * here); a test proves they agree. Two secrets whose names are the same would be one secret: the
 * compile refuses them (persist/secret-name-clash for two paths of one store, persist/secret-id-clash
 * for two stores).
 */
export function secretNameAround(app: string, id: string, name: string): [string, string] {
  return [`${app.replace(NOT_IN_NAMES, "_")}-`, `-${secretKey(id, name)}`];
}

/**
 * The part of a secret's name after the app's (`<id>-<name>`, characters Secrets Manager does not
 * allow replaced): what no two secrets of an app may share. Ids hold `-` too, so two stores' secrets
 * can share it (`a-b` reading `c.txt`, `a` reading `b-c.txt`), and so can ids that differ only in
 * a character a name cannot hold (`keys:a`, `keys_a`).
 */
export function secretKey(id: string, name: string): string {
  return `${id}-${secretPath(name)}`.replace(NOT_IN_NAMES, "_");
}

/** The file a secret's path names, as the runtime reads it: relative to the root, `.` and `..` resolved (`/a/../b.txt`, `./b.txt` → `b.txt`). */
export function secretFile(name: string): string {
  return path.posix.resolve("/", name).slice(1);
}

/** The part of a secret's name its path gives (its file, characters Secrets Manager does not allow replaced): what two files must not share. */
export function secretPath(name: string): string {
  return secretFile(name).replace(NOT_IN_NAMES, "_");
}
