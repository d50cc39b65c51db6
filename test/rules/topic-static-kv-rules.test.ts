import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCapabilityStage, type DraftResource, type Subject } from "../../src/engine/index.js";
import { loadRuleSet } from "../../src/load/rules.js";
import type { Topic } from "../../src/units/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { annotationSubject, rules, tempDir, useSubject, writeTree, type AnnotationSpec } from "../helpers/plan-inputs.js";

const builtIns = rules().rules;

async function capability(...subjects: Subject[]) {
  return runCapabilityStage(subjects, builtIns, "aws");
}

/** An annotation subject carrying topics or files, as buildSubjects makes them for pubsub and static_unit annotations. */
function carrying(spec: AnnotationSpec, extra: { topics?: readonly Topic[]; files?: readonly string[] }): Subject {
  const subject = annotationSubject(spec);
  if (subject.type !== "annotation") throw new Error("an annotation subject");
  return { ...subject, ...extra };
}

/** `<id> by <rule ids>` for each resource. */
function summary(resources: readonly DraftResource[]): string[] {
  return resources.map((r) => `${r.id} by ${r.provenance.map((d) => d.ruleId).join(", ")}`);
}

const topics: Topic[] = [{ name: "created", publishers: ["api"], subscribers: ["worker"] }];

describe("pubsub rules", () => {
  it("capability/pubsub: a reachable emitter becomes a topic service carrying its topics", async () => {
    const result = await capability(carrying({ capability: "pubsub", id: "orders", bound: { emitter: 1 } }, { topics }));
    expect(summary(result.resources)).toEqual(["pubsub:orders by capability/pubsub"]);
    expect(result.resources[0]?.topics).toEqual(topics);
    expect(result.progress).toEqual(["Adding resource pubsub:orders"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("capability/pubsub-not-exported: an in-process emitter is one warning saying why, not also 'No resource was generated'", async () => {
    const result = await capability(annotationSubject({ capability: "pubsub", id: "local", bound: { emitter_local: 1 } }));
    expect(result.resources).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.ruleId, d.range && formatLocation(d.range), d.message])).toEqual([
      [
        "rule/warn",
        "capability/pubsub-not-exported",
        "index.js:10:4",
        "The EventEmitter is not exported, so other modules and execution units cannot reach it and its events stay in-process; no topic service was generated. Export it to share its events across units.",
      ],
    ]);
  });

  it("capability/pubsub-publish-edge and capability/pubsub-subscribe-edge: unit → service and service → unit", async () => {
    const result = await capability(
      useSubject("api", "pubsub:orders", "api.js", 3, "emit", "publish"),
      useSubject("worker", "pubsub:orders", "worker.js", 4, "on", "subscribe"),
    );
    expect(result.edges.map((e) => [e.source, e.target, e.decision?.ruleId])).toEqual([
      ["exec_unit:api", "pubsub:orders", "capability/pubsub-publish-edge"],
      ["pubsub:orders", "exec_unit:worker", "capability/pubsub-subscribe-edge"],
    ]);
    expect(result.edges.map((e) => e.reason)).toEqual([
      "`emit` at api.js:3:3 publishes to pubsub:orders (rule capability/pubsub-publish-edge)",
      "`on` at worker.js:4:3 subscribes to pubsub:orders (rule capability/pubsub-subscribe-edge)",
    ]);
  });

  it("capability/use-edge is for stores only", async () => {
    const result = await capability(useSubject("api", "persist_kv:carts"), useSubject("api", "pubsub:orders", "api.js", 3, "emit", "publish"));
    expect(result.edges.map((e) => `${e.source} -> ${e.target} ${e.decision?.ruleId ?? "?"}`)).toEqual([
      "exec_unit:api -> persist_kv:carts capability/use-edge",
      "exec_unit:api -> pubsub:orders capability/pubsub-publish-edge",
    ]);
  });
});

describe("static unit rules", () => {
  const files = ["public/app.css", "public/index.html"];

  it("capability/static-unit and capability/static-unit-index-document: files and the index document", async () => {
    const spec = { capability: "static_unit", id: "web", bound: { static_files: 2 }, directives: { id: "web", index_document: "index.html" } };
    const result = await capability(carrying(spec, { files }));
    expect(summary(result.resources)).toEqual(["static_unit:web by capability/static-unit, capability/static-unit-index-document"]);
    expect(result.resources[0]?.files).toEqual(files);
    expect(result.resources[0]?.params).toEqual({ indexDocument: "index.html" });
  });

  it("without index_document, the index-document rule changes nothing and records nothing", async () => {
    const result = await capability(carrying({ capability: "static_unit", id: "web", bound: { static_files: 2 } }, { files }));
    expect(summary(result.resources)).toEqual(["static_unit:web by capability/static-unit"]);
    expect(result.resources[0]?.params).toEqual({});
  });
});

describe("kv store options", () => {
  it("capability/persist-kv-options: ttl, versioned, batch_write and write_on_change become params", async () => {
    const directives = { id: "carts", ttl: 60, versioned: true, batch_write: false, write_on_change: true };
    const result = await capability(annotationSubject({ capability: "persist", id: "carts", bound: { kv_map: 1 }, directives }));
    expect(summary(result.resources)).toEqual(["persist_kv:carts by capability/persist-kv, capability/persist-kv-options"]);
    expect(result.resources[0]?.params).toEqual({ ttl: 60, versioned: true, batchWrite: false, writeOnChange: true });
  });

  it("only the directives given become params; none given records no decision", async () => {
    const some = await capability(annotationSubject({ capability: "persist", id: "a", bound: { kv_map: 1 }, directives: { id: "a", ttl: 5 } }));
    const none = await capability(annotationSubject({ capability: "persist", id: "b", bound: { kv_map: 1 } }));
    expect([some.resources[0]?.params, none.resources[0]?.params]).toEqual([{ ttl: 5 }, {}]);
    expect(summary(none.resources)).toEqual(["persist_kv:b by capability/persist-kv"]);
  });

  it("leaves redis clients alone", async () => {
    const result = await capability(annotationSubject({ capability: "persist", id: "c", bound: { redis_node: 1 }, directives: { id: "c", ttl: 5 } }));
    expect(result.resources.map((r) => [r.id, r.params])).toEqual([["persist_redis_node:c", {}]]);
  });
});

describe("fact references inside set-params", () => {
  it("are checked against the stage's facts, at their line in the rule file", () => {
    const text = [
      "id: acme/x",
      "stage: policy",
      "description: Copies a fact into a parameter.",
      "rationale: A test of nested references.",
      "conditions:",
      "  all:",
      "    - { fact: provider, operator: equal, value: aws }",
      "event:",
      "  type: set-params",
      "  params:",
      "    params:",
      "      ok: { fact: resource, path: $.name }",
      "      bad: { fact: annotation, path: $.id }",
      "",
    ].join("\n");
    const root = writeTree(tempDir(), { "rules/x.yaml": text });
    const result = loadRuleSet({ provider: "aws", rulePaths: [path.join(root, "rules")], projectRoot: root });
    expect(result.diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.code}: ${d.message}`)).toEqual([
      "rules/x.yaml:13:20: rule-file/unknown-fact: Unknown fact 'annotation' in a policy rule; policy rules can use: provider, resource.",
    ]);
  });
});
