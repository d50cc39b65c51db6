import { isIdentifier } from "./code.js";
import { sha256 } from "../util/sha256.js";

/**
 * Names in the Pulumi program.
 *
 * Logical names (the first argument of every resource) are functions of the plan ids alone, so
 * a recompile gives every resource the name it had and `pulumi up` updates it in place. Pulumi
 * derives AWS names from them (the logical name plus a random suffix), so they follow the
 * strictest AWS rules involved: lower-case letters, digits and single hyphens, starting with a
 * letter, at most {@link MAX_SLUG} characters per part (load balancers allow 32 in all).
 *
 * A name is one or more slugs joined by `--` (a slug never holds two hyphens in a row), plus a
 * `-<role>` suffix on every resource of an AWS type that several kinds of plan resource create;
 * the roles of one AWS type never end one another. So two different plan resources never get
 * the same logical name for the same AWS type.
 */

/** The longest slug: a load balancer name (32) less Pulumi's 8-character random suffix, with room to spare. */
export const MAX_SLUG = 20;

/** The longest slug in names AWS never sees or allows long (API Gateway parts, topics, permissions, objects). */
export const LONG_SLUG = 40;

/** A Lambda permission's statement id, which Pulumi names after its logical name: at most 100 characters. */
export const PERMISSION_NAME_LIMIT = 100;

/** A short, stable hash of `text` (6 hex digits of its SHA-256). */
export function shortHash(text: string): string {
  return sha256(text).slice(0, 6);
}

/**
 * `text` as a slug: unchanged when it already is one (`pugs`, `api-gateway`); otherwise
 * lower-cased, with runs of other characters as one hyphen, a leading letter, cut to `max`
 * characters and ended by a hash of the original text, so distinct texts stay distinct.
 */
export function slug(text: string, max = MAX_SLUG): string {
  if (/^[a-z](?:-?[a-z0-9])*$/.test(text) && text.length <= max) return text;
  let base = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!/^[a-z]/.test(base)) base = base === "" ? "r" : `r-${base}`;
  const hash = shortHash(text);
  const head = base.slice(0, max - hash.length - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}

/**
 * A load balancer's logical name for a unit's: AWS refuses a load balancer name that begins with
 * `internal-` (Pulumi names it `<logical>-<random>`), so a unit named `internal…` gets `u-` before it.
 */
export function loadBalancerName(logical: string): string {
  return logical.startsWith("internal") ? `u-${logical}` : logical;
}

/**
 * A logical name Pulumi may name an AWS resource after, with its 7-character random suffix, within
 * `limit` characters (a Lambda permission's statement id holds 100): cut and ended by a hash of the
 * whole when longer, so distinct names stay distinct.
 */
export function cappedName(name: string, limit: number): string {
  const max = limit - 8;
  if (name.length <= max) return name;
  return `${name.slice(0, max - 7).replace(/-+$/, "")}-${shortHash(name)}`;
}

/** Slugs of `parts` (at most `max` characters each) joined by `--`, then `-<role>` when given. */
export function logicalName(parts: readonly string[], role?: string, max = MAX_SLUG): string {
  const joined = parts.map((part) => slug(part, max)).join("--");
  return role === undefined ? joined : `${joined}-${role}`;
}

/** Roles of IAM roles and policies: a Lambda's, an ECS task's, an ECS task's execution (image pull, logs). */
export type RoleKind = "lambda" | "task" | "execution";

/** Roles of security groups. */
export type SecurityGroupRole = "unit" | "alb" | "postgres" | "redis" | "memorydb" | "endpoint";

/** Roles of S3 buckets (and their access blocks). */
export type BucketRole = "fs" | "site";

/** The stack config key of a database's master password (secret) and user name. */
export function databaseConfigKey(name: string, field: "password" | "username"): string {
  return `${slug(name)}-${field}`;
}

/**
 * A Postgres database name for an ORM id: letters, digits and underscores, starting with a letter;
 * `db_` before a word Postgres reserves (`user`, `order`), which RDS refuses as a database's name.
 */
export function databaseName(name: string): string {
  const made = slug(name, 63).replace(/-/g, "_");
  return POSTGRES_RESERVED.has(made) ? `db_${made}` : made;
}

/** PostgreSQL's reserved key words (its documentation's appendix of SQL key words). */
const POSTGRES_RESERVED = new Set(
  [
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column",
    "concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp",
    "current_user default deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having",
    "ilike in initially inner intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not",
    "notnull null offset on only or order outer overlaps placing primary references returning right select session_user similar",
    "some symmetric system_user table tablesample then to trailing true union unique user using variadic verbose when where window with",
  ]
    .join(" ")
    .split(" "),
);

// JavaScript's and TypeScript's reserved words: an id with no letters of its own (`_`) leaves only the
// role's word (`function`), which cannot name a variable.
const RESERVED_WORDS = [
  "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new",
  "null", "package", "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try",
  "typeof", "var", "void", "while", "with", "yield",
];


/**
 * Variable names for the program: camelCase words, unique, allocated in the order asked for.
 * The same key always gets the same name. An allocated name ends in a capitalised role word, or is
 * the role's word alone (for an id of no letters), never a reserved word; `reserved` are names the
 * templates use themselves.
 */
export class Identifiers {
  readonly #used = new Set<string>();
  readonly #byKey = new Map<string, string>();
  /** The suffix to try first for a base: names are only ever added, so the smallest free one never goes down. */
  readonly #nextSuffix = new Map<string, number>();

  constructor(reserved: readonly string[]) {
    for (const name of [...reserved, ...RESERVED_WORDS]) this.#used.add(name);
  }

  /** The variable for `key`, made from `words` the first time (e.g. `["pugs", "function"]` → `pugsFunction`). */
  get(key: string, words: readonly string[]): string {
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    const base = camelCase(words);
    let name = base;
    if (this.#used.has(name)) {
      let n = this.#nextSuffix.get(base) ?? 2;
      while (this.#used.has(`${base}${n}`)) n++;
      name = `${base}${n}`;
      this.#nextSuffix.set(base, n + 1);
    }
    this.#used.add(name);
    this.#byKey.set(key, name);
    return name;
  }
}

/**
 * `["api-gateway", "rest", "api"]` → `apiGatewayRestApi`: the runs of ASCII letters and digits, the
 * first lower-cased and the others capitalised (their first character), joined; starts with a letter.
 * Read character by character: a gateway's every route asks for two (splitting on a regular
 * expression took about 10 µs a name).
 */
export function camelCase(words: readonly string[]): string {
  let joined = "";
  for (const word of words) {
    let start = -1;
    for (let i = 0; i <= word.length; i++) {
      const inPiece = i < word.length && isAsciiAlphanumeric(word.charCodeAt(i));
      if (inPiece && start === -1) start = i;
      else if (!inPiece && start !== -1) {
        const first = word.charAt(start);
        joined += (joined === "" ? first.toLowerCase() : first.toUpperCase()) + word.slice(start + 1, i);
        start = -1;
      }
    }
  }
  const name = /^[A-Za-z]/.test(joined) ? joined : `r${joined}`;
  if (!isIdentifier(name)) throw new Error(`internal: cannot make an identifier of ${JSON.stringify(words)}`);
  return name;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
