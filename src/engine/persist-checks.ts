import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact } from "../facts/index.js";
import { factsBoundTo } from "../units/index.js";
import { readEnvironment } from "./environment.js";
import { isSecretAnnotation, persistedStores } from "./persisted.js";
import { FS_RUNTIME_METHODS } from "../util/fs-runtime.js";
import { secretFile, secretKey, secretPath } from "../util/secret-names.js";
import type { SourceRange } from "../util/source-range.js";

/**
 * Problems a persist annotation has only in the light of its code: `[environment_variables]` that
 * name no attribute klotho provides, mix kinds or contradict the annotated code; `secret = true`
 * away from any fs import; an ORM client written for another database than PostgreSQL; calls the S3
 * file system does not implement; and, on a secret import, calls
 * other than `readFile` or paths that are not known when compiling, and secrets (of one import or of
 * several) whose names in Secrets Manager would be the same. Errors point inside the comment or at the offending call.
 */
export function checkPersistAnnotations(annotations: readonly Annotation[], facts: readonly Fact[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const secretReads: SecretRead[] = [];
  for (const annotation of annotations) {
    if (annotation.capability !== "persist") continue;
    const bound = factsBoundTo(annotation, facts);
    const stores = persistedStores(annotation, bound);
    diagnostics.push(...readEnvironment(annotation, stores.map((store) => store.kind)).diagnostics);
    for (const fact of bound) {
      if (fact.kind === "orm_client" && fact.dialect !== undefined && !POSTGRES.has(fact.dialect.toLowerCase())) {
        diagnostics.push(createDiagnostic("persist/orm-dialect", { range: fact.range }, fact.dialect));
      }
    }
    const files = new Set(stores.filter((store) => store.kind === "persist_fs").map((store) => store.id));
    if (files.size > 0) diagnostics.push(...checkFileCalls(annotation, files, facts));
    if (!isSecretAnnotation(annotation)) continue;
    const secrets = new Set(stores.filter((store) => store.kind === "persist_secret").map((store) => store.id));
    if (secrets.size > 0) {
      const checked = checkSecretReads(annotation, secrets, facts);
      diagnostics.push(...checked.diagnostics);
      secretReads.push(...checked.reads);
    } else if (!bound.some((fact) => fact.kind === "fs_import")) {
      const range = annotation.keyRanges?.["secret"] ?? annotation.range;
      diagnostics.push(createDiagnostic("persist/secret-not-fs", { range, annotation: { text: annotation.text, range: annotation.range } }));
    }
  }
  return [...diagnostics, ...checkSecretNames(secretReads)];
}

/** How the ORMs name PostgreSQL (Sequelize's dialect and URL schemes, TypeORM's type, knex's client), which klotho provisions. */
const POSTGRES = new Set(["postgres", "postgresql", "pg", "pgnative", "pg-native"]);

/** Every call through a persisted fs import must be one the S3 file system implements. */
function checkFileCalls(annotation: Annotation, stores: ReadonlySet<string>, facts: readonly Fact[]): Diagnostic[] {
  const related = [{ message: "the import is persisted here", range: annotation.range }];
  return facts
    .filter((fact) => fact.kind === "object_use" && stores.has(fact.target) && !FS_RUNTIME_METHODS.includes(fact.method))
    .map((fact) => createDiagnostic("persist/fs-method", { range: fact.range, related }, fact.kind === "object_use" ? fact.method : "", annotation.id ?? ""));
}

/** A static path read through a secret import: the file it names, where, and the store's id. */
interface SecretRead {
  readonly id: string;
  readonly file: string;
  readonly range: SourceRange;
}

/** Every call through a secret import must be `readFile` of a static path; the reads that are, for the name checks. */
function checkSecretReads(annotation: Annotation, secrets: ReadonlySet<string>, facts: readonly Fact[]): { diagnostics: Diagnostic[]; reads: SecretRead[] } {
  const id = annotation.id ?? "";
  const related = [{ message: "the import is annotated secret here", range: annotation.range }];
  const diagnostics: Diagnostic[] = [];
  const reads: SecretRead[] = [];
  for (const fact of facts) {
    if (fact.kind !== "object_use" || !secrets.has(fact.target)) continue;
    if (fact.method !== "readFile") diagnostics.push(createDiagnostic("persist/secret-method", { range: fact.range, related }, fact.method, id));
    else if (fact.path === undefined) diagnostics.push(createDiagnostic("persist/secret-dynamic-path", { range: fact.range, related }, id));
    else reads.push({ id, file: secretFile(fact.path), range: fact.range });
  }
  return { diagnostics, reads };
}

/**
 * Two secrets whose Secrets Manager names would be the same (secretKey: the name less the app's
 * part, which all share) would be one secret: two paths of one store, or secrets of two stores, the
 * persist ids being part of the name. Each is reported once, at the first read of the second, with
 * the first read as related location.
 */
function checkSecretNames(reads: readonly SecretRead[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const named = new Map<string, SecretRead>();
  const clashing = new Set<string>();
  for (const read of reads) {
    const key = secretKey(read.id, read.file);
    const first = named.get(key);
    const self = `${read.id}\0${read.file}`;
    if (first === undefined) named.set(key, read);
    else if ((first.id !== read.id || first.file !== read.file) && !clashing.has(self)) {
      clashing.add(self);
      diagnostics.push(clashOf(read, first, key));
    }
  }
  return diagnostics;
}

function clashOf(read: SecretRead, first: SecretRead, key: string): Diagnostic {
  if (first.id === read.id) {
    const related = [{ message: `'${first.file}' is read here`, range: first.range }];
    return createDiagnostic("persist/secret-name-clash", { range: read.range, related }, read.file, first.file, secretPath(read.file));
  }
  const related = [{ message: `'${first.file}' of persist '${first.id}' is read here`, range: first.range }];
  return createDiagnostic("persist/secret-id-clash", { range: read.range, related }, read.file, read.id, first.file, first.id, key);
}
