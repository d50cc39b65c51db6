import path from "node:path";

/**
 * The Secrets Manager name of file `name` of secret store `id`: `<app>-<id>-<name>` with the
 * path made relative (no leading `./` or `/`) and every character Secrets Manager does not allow
 * in a name replaced by `_`. The runtime makes the same name (runtime/secrets.js `secretName`,
 * which needs the AWS SDK and so cannot be imported here); a test proves they agree.
 */
export function secretName(app: string, id: string, name: string): string {
  const file = path.posix.resolve("/", name).slice(1);
  return `${app}-${id}-${file}`.replace(/[^A-Za-z0-9/_+=.@-]/g, "_");
}
