// A unit's role policy stays within IAM's 10,240 characters of inline policy per role however many
// stores it uses: edges needing the same actions share one statement.
import { describe, expect, it } from "vitest";
import { readTemplates } from "../../src/load/templates.js";
import { renderInfrastructure } from "../../src/render/index.js";
import { edge, plan, resource } from "./plan-builder.js";

describe("a unit's role policy", () => {
  it("grants sixty maps' partitions of the kv table, and twenty buckets, in one statement each", async () => {
    const maps = Array.from({ length: 60 }, (_, i) => resource(`persist_kv:map${String(i).padStart(2, "0")}`, "dynamodb"));
    const buckets = Array.from({ length: 20 }, (_, i) => resource(`persist_fs:files${String(i).padStart(2, "0")}`, "s3"));
    const unit = resource("exec_unit:main", "lambda", { params: { memorySize: 512, timeout: 180 } });
    const stores = [...maps, ...buckets];
    const result = await renderInfrastructure({ plan: plan("app", [unit, ...stores], stores.map((store) => edge("exec_unit:main", store.id))), templates: readTemplates("aws") });
    expect(result.diagnostics).toEqual([]);
    const program = String(result.files.find((file) => file.path === "index.ts")?.contents);
    const policy = /const mainLambdaPolicy = [\s\S]*?\n\}\);/.exec(program)?.[0] ?? "";
    const statements = policy.split("\n").filter((line) => line.trimStart().startsWith("{ Effect:"));
    expect(statements.map((line) => /Action: \[([^\]]*)\]/.exec(line)?.[1]?.split(", ")[0])).toEqual(['"logs:CreateLogStream"', '"s3:DeleteObject"', '"s3:ListBucket"', '"dynamodb:BatchWriteItem"']);
    expect(/"dynamodb:LeadingKeys": \[([^\]]*)\]/.exec(policy)?.[1]?.split(", ")).toEqual(maps.map((map) => JSON.stringify(map.name)));
    expect(statements[1]?.match(/Bucket\.arn, "\/\*"\)/g)).toHaveLength(20);
    // Each bucket's ARN adds its name (~45 characters) once deployed: still far under 10,240.
    expect(policy.replace(/\s+/g, "").replace(/\/\/[^\n]*/g, "").length + 20 * 2 * 45).toBeLessThan(10_240);
  });
});
