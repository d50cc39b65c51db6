// Logical names are functions of the plan ids alone: after a change elsewhere in the app, every
// resource that still exists keeps its name, so `pulumi up` updates it instead of replacing it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTemplates } from "../../src/load/templates.js";
import type { Plan } from "../../src/plan/index.js";
import { renderInfrastructure } from "../../src/render/index.js";
import { edge, plan, resource } from "./plan-builder.js";
import { REPO } from "./programs.js";

/** A fixture's expected resources.json as a plan (its sources and decisions, which rendering does not read, left empty). */
function fixturePlan(name: string): Plan {
  const document = JSON.parse(readFileSync(path.join(REPO, "test", "fixtures", name, ".expected", "resources.json"), "utf8")) as {
    app: string;
    resources: Omit<Plan["resources"][number], "source" | "provenance">[];
    edges: { source: string; target: string }[];
  };
  return plan(
    document.app,
    document.resources.map((r) => ({ ...r, source: [], provenance: [] })),
    document.edges.map((e) => edge(e.source, e.target)),
  );
}

/** `aws.lambda.Function pugs`, ... for every resource the program declares. */
async function declared(p: Plan): Promise<string[]> {
  const result = await renderInfrastructure({ plan: p, templates: readTemplates("aws") });
  const index = result.files.find((f) => f.path === "index.ts")?.contents ?? "";
  return [...index.matchAll(/new ((?:aws|dockerBuild)\.[\w.]+)\("([^"]+)"/g)].map((m) => `${m[1] ?? ""} ${m[2] ?? ""}`);
}

describe("logical names", () => {
  it("stay the same for every resource that is still there when the app gains units, stores, routes and topics", async () => {
    const before = fixturePlan("express/seed-two-units");
    const gateway = before.resources.find((r) => r.kind === "gateway");
    const after = plan(
      before.app,
      [
        ...before.resources.filter((r) => r !== gateway),
        { ...(gateway ?? resource("gateway:api-gateway", "apigateway")), routes: [...(gateway?.routes ?? []), { method: "GET", path: "/a-first/:id", unit: "aardvark" }] },
        resource("exec_unit:aardvark", "lambda", { params: { memorySize: 512, timeout: 180 } }),
        resource("persist_fs:aaa-files", "s3"),
        resource("persist_orm:aaa-db", "rds_postgres"),
        resource("pubsub:aaa-bus", "sns", { topics: [{ name: "a.event", publishers: ["pugs"], subscribers: ["aardvark"] }] }),
      ],
      [...before.edges, edge("exec_unit:aardvark", "persist_fs:aaa-files"), edge("exec_unit:adopt", "persist_orm:aaa-db"), edge("exec_unit:pugs", "pubsub:aaa-bus"), edge("pubsub:aaa-bus", "exec_unit:aardvark"), edge("gateway:api-gateway", "exec_unit:aardvark")],
    );
    const names = await declared(before);
    const grown = await declared(after);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((name) => !grown.includes(name))).toEqual([]);
    expect(grown.length).toBeGreaterThan(names.length);
  });
});
