import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import { factsBoundTo, type Unit } from "../units/index.js";
import { compareStrings } from "../util/compare.js";
import { secretFile } from "../util/secret-names.js";
import type { SourceRange } from "../util/source-range.js";
import { readEnvironment, type EnvironmentFacts } from "./environment.js";

/** True when a persist annotation says its fs import holds secrets (`secret = true`). */
export function isSecretAnnotation(annotation: Annotation): boolean {
  return annotation.directives["secret"] === true;
}

/**
 * The resource kind a persisted object becomes, keyed by the fact that created it; an
 * `fs/promises` import is a secret store when its annotation says `secret = true`. Undefined for
 * facts that are not stores (a callback `fs` import cannot be persisted: its calls do not wait).
 */
export function persistKind(fact: Fact, secret: boolean): string | undefined {
  switch (fact.kind) {
    case "kv_map":
      return "persist_kv";
    case "redis_client":
      return fact.cluster ? "persist_redis_cluster" : "persist_redis_node";
    case "fs_import":
      return fact.promises ? (secret ? "persist_secret" : "persist_fs") : undefined;
    case "orm_client":
      return "persist_orm";
    default:
      return undefined;
  }
}

/** The ids of the store objects a persist annotation's statement creates, with the kind each becomes. */
export function persistedStores(annotation: Annotation, bound: readonly Fact[]): { id: string; kind: string }[] {
  const secret = isSecretAnnotation(annotation);
  const stores: { id: string; kind: string }[] = [];
  for (const fact of bound) {
    const kind = persistKind(fact, secret);
    if (kind !== undefined && "id" in fact) stores.push({ id: fact.id, kind });
  }
  return stores;
}

/**
 * The secrets read through the stores `ids`: the file the static path of every `readFile` names
 * (`./a/../b.txt`, `/b.txt` → `b.txt`, as the runtime reads it), sorted and without duplicates. Other calls are rejected by the checks.
 */
export function secretNames(ids: ReadonlySet<string>, facts: readonly Fact[]): string[] {
  const names = new Set<string>();
  for (const fact of facts) {
    if (fact.kind === "object_use" && ids.has(fact.target) && fact.method === "readFile" && fact.path !== undefined) names.add(secretFile(fact.path));
  }
  return [...names].sort(compareStrings);
}

/**
 * What a persist annotation adds to its subject: its valid `[environment_variables]`, and for a
 * secret fs import the names of the secrets read through it (possibly none).
 */
export function persistDetails(annotation: Annotation, bound: readonly Fact[], facts: readonly Fact[]): { environment?: EnvironmentFacts; secrets?: string[] } {
  const stores = persistedStores(annotation, bound);
  const { environment } = readEnvironment(annotation, stores.map((store) => store.kind));
  const secretIds = new Set(stores.filter((store) => store.kind === "persist_secret").map((store) => store.id));
  return { ...(environment ? { environment } : {}), ...(secretIds.size > 0 ? { secrets: secretNames(secretIds, facts) } : {}) };
}

/**
 * The uses environment variables make: the code of a persist annotation's file reads its valid
 * `[environment_variables]`, so every unit whose folder holds that file uses the resource (and
 * receives the variables), wherever the file is owned. The annotation is the use's location.
 */
export function environmentUses(annotations: readonly Annotation[], facts: readonly Fact[], units: readonly Unit[]): { unit: string; resource: string; range: SourceRange }[] {
  const uses: { unit: string; resource: string; range: SourceRange }[] = [];
  for (const annotation of annotations) {
    if (annotation.capability !== "persist" || annotation.directives["environment_variables"] === undefined) continue;
    const { environment } = persistDetails(annotation, factsBoundTo(annotation, facts), facts);
    if (!environment) continue;
    for (const unit of units) if (unit.files.includes(annotation.range.file)) uses.push({ unit: unit.id, resource: environment.resource, range: annotation.range });
  }
  return uses;
}

/** The method of a creation use (creationUses) in its use subject: no call of the client's has that name. */
export const CREATION = "new";

/** The stores whose client klotho's runtime configures when it is made (the connection read from the environment then). */
const CONFIGURED_WHEN_MADE = new Set(["persist_redis_node", "persist_redis_cluster", "persist_orm"]);

/**
 * The uses making a redis or ORM client is: the rewritten constructor reads the connection from the
 * unit's environment as the file loads, so every unit whose folder holds the file uses the store (gets
 * its variables and network access), whether or not its own code calls the client. Otherwise a unit
 * importing a shared db module for one client crashes at start on the other's missing variables.
 * The client's creation is the use's location.
 */
export function creationUses(annotations: readonly Annotation[], facts: readonly Fact[], units: readonly Unit[]): { unit: string; resource: string; range: SourceRange }[] {
  const uses: { unit: string; resource: string; range: SourceRange }[] = [];
  for (const annotation of annotations) {
    if (annotation.capability !== "persist" || annotation.id === undefined) continue;
    const secret = isSecretAnnotation(annotation);
    for (const fact of factsBoundTo(annotation, facts)) {
      const kind = persistKind(fact, secret);
      if (kind === undefined || !CONFIGURED_WHEN_MADE.has(kind)) continue;
      for (const unit of units) if (unit.files.includes(fact.range.file)) uses.push({ unit: unit.id, resource: `${kind}:${annotation.id}`, range: fact.range });
    }
  }
  return uses;
}
