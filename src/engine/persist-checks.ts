import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact } from "../facts/index.js";
import { factsBoundTo } from "../units/index.js";
import { readEnvironment } from "./environment.js";
import { isSecretAnnotation, persistedStores } from "./persisted.js";
import { FS_RUNTIME_METHODS } from "../util/fs-runtime.js";
import { secretFile, secretPath } from "../util/secret-names.js";
import type { SourceRange } from "../util/source-range.js";

/**
 * Problems a persist annotation has only in the light of its code: `[environment_variables]` that
 * name no attribute klotho provides, mix kinds or contradict the annotated code; `secret = true`
 * away from any fs import; an ORM client written for another database than PostgreSQL; calls the S3
 * file system does not implement; and, on a secret import, calls
 * other than `readFile` or paths that are not known when compiling. Errors point inside the comment or at the offending call.
 */
export function checkPersistAnnotations(annotations: readonly Annotation[], facts: readonly Fact[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
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
    if (secrets.size > 0) diagnostics.push(...checkSecretReads(annotation, secrets, facts));
    else if (!bound.some((fact) => fact.kind === "fs_import")) {
      const range = annotation.keyRanges?.["secret"] ?? annotation.range;
      diagnostics.push(createDiagnostic("persist/secret-not-fs", { range, annotation: { text: annotation.text, range: annotation.range } }));
    }
  }
  return diagnostics;
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

/** Every call through a secret import must be `readFile` of a static path. */
function checkSecretReads(annotation: Annotation, secrets: ReadonlySet<string>, facts: readonly Fact[]): Diagnostic[] {
  const id = annotation.id ?? "";
  const related = [{ message: "the import is annotated secret here", range: annotation.range }];
  const diagnostics: Diagnostic[] = [];
  // Each path's secret name, by the path first read under it: a second path with the same name would share its secret.
  const named = new Map<string, { path: string; range: SourceRange }>();
  const clashing = new Set<string>();
  for (const fact of facts) {
    if (fact.kind !== "object_use" || !secrets.has(fact.target)) continue;
    if (fact.method !== "readFile") diagnostics.push(createDiagnostic("persist/secret-method", { range: fact.range, related }, fact.method, id));
    else if (fact.path === undefined) diagnostics.push(createDiagnostic("persist/secret-dynamic-path", { range: fact.range, related }, id));
    else {
      const file = secretFile(fact.path);
      const first = named.get(secretPath(file));
      if (first === undefined) named.set(secretPath(file), { path: file, range: fact.range });
      else if (first.path !== file && !clashing.has(file)) {
        clashing.add(file);
        diagnostics.push(createDiagnostic("persist/secret-name-clash", { range: fact.range, related: [{ message: `'${first.path}' is read here`, range: first.range }] }, file, first.path, secretPath(file)));
      }
    }
  }
  return diagnostics;
}
