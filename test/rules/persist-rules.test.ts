import { describe, expect, it } from "vitest";
import type { EnvironmentFacts } from "../../src/engine/environment.js";
import { runCapabilityStage, type BoundCounts, type DraftResource, type Subject } from "../../src/engine/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { annotationSubject, rules, useSubject } from "../helpers/plan-inputs.js";

const builtIns = rules().rules;

/** A persist annotation `{ id = "store", ...directives }` on a statement holding `bound`. */
function persistSubject(bound: Partial<BoundCounts>, directives: Record<string, unknown> = {}, extra: { environment?: EnvironmentFacts; secrets?: string[] } = {}): Subject {
  const subject = annotationSubject({ capability: "persist", id: "store", bound, directives: { id: "store", ...directives } });
  if (subject.type !== "annotation") return subject;
  return {
    ...subject,
    annotation: { ...subject.annotation, ...(extra.environment ? { environment: extra.environment } : {}) },
    ...(extra.secrets ? { secrets: extra.secrets } : {}),
  };
}

/** `<id> by <rule ids>` for each resource. */
function summary(resources: readonly DraftResource[]): string[] {
  return resources.map((r) => `${r.id} by ${r.provenance.map((d) => d.ruleId).join(", ")}`);
}

const ORM_ENVIRONMENT: EnvironmentFacts = { kind: "persist_orm", resource: "persist_orm:store", variables: { DB: "persist_orm:store#connection_string" } };
const CLUSTER_ENVIRONMENT: EnvironmentFacts = { kind: "persist_redis_cluster", resource: "persist_redis_cluster:store", variables: { HOST: "persist_redis_cluster:store#host" } };

describe("persist rules for files, secrets, ORMs and environment variables", () => {
  it.each([
    ["an fs/promises import", persistSubject({ fs: 1 }), "persist_fs:store by capability/persist-fs"],
    ["require(\"fs\").promises", persistSubject({ fs: 1, fs_plain: 1 }), "persist_fs:store by capability/persist-fs"],
    ["an fs/promises import with secret = false", persistSubject({ fs: 1 }, { secret: false }), "persist_fs:store by capability/persist-fs"],
    ["an fs/promises import with secret = true", persistSubject({ fs: 1 }, { secret: true }), "persist_secret:store by capability/persist-secret"],
    ["an ORM client", persistSubject({ orm: 1 }), "persist_orm:store by capability/persist-orm"],
    ["environment variables alone", persistSubject({}, {}, { environment: CLUSTER_ENVIRONMENT }), "persist_redis_cluster:store by capability/persist-environment"],
    ["an ORM client with its environment variables", persistSubject({ orm: 1 }, {}, { environment: ORM_ENVIRONMENT }), "persist_orm:store by capability/persist-environment, capability/persist-orm"],
  ])("%s becomes one resource", async (_, subject, expected) => {
    const result = await runCapabilityStage([subject], builtIns, "aws");
    expect(summary(result.resources)).toEqual([expected]);
    expect(result.diagnostics).toEqual([]);
  });

  it("gives a secret store the subject's secret names", async () => {
    const result = await runCapabilityStage([persistSubject({ fs: 1 }, { secret: true }, { secrets: ["a.txt", "b/c.pem"] })], builtIns, "aws");
    expect(result.resources.map((r) => r.secrets)).toEqual([["a.txt", "b/c.pem"]]);
  });

  it("capability/persist-fs-callbacks: warns about the callback fs module instead of the generic warning", async () => {
    const result = await runCapabilityStage([persistSubject({ fs_plain: 1 })], builtIns, "aws");
    expect(result.resources).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.ruleId, d.range && formatLocation(d.range)])).toEqual([["rule/warn", "capability/persist-fs-callbacks", "index.js:10:4"]]);
    expect(result.diagnostics[0]?.message).toMatch(/^Only fs\/promises can be persisted: .* calls are asynchronous\. Import "fs\/promises"/);
  });

  it("capability/no-resource-warning still fires for a persist annotation that matches nothing", async () => {
    const result = await runCapabilityStage([persistSubject({})], builtIns, "aws");
    expect(result.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([["capability/no-resource-warning", "No resource was generated for the annotation."]]);
  });

  it("capability/use-edge: a unit receiving environment variables gets an edge to their resource", async () => {
    const result = await runCapabilityStage([useSubject("api", "persist_orm:store", "db.js", 3, "environment_variables")], builtIns, "aws");
    expect(result.edges.map((e) => `${e.source} -> ${e.target}`)).toEqual(["exec_unit:api -> persist_orm:store"]);
  });
});
