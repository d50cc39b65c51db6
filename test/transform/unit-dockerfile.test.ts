import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/plan/index.js";
import { unitDockerfile } from "../../src/transform/unit-manifests.js";

const unit = (type: string): Resource => ({ id: "exec_unit:api", kind: "exec_unit", name: "api", type, params: {}, source: [], provenance: [] });

describe("a unit's Dockerfile", () => {
  // Express answers an error with its stack trace and file paths, and config keyed by NODE_ENV picks
  // its development branch, unless NODE_ENV is production; Lambda sets no NODE_ENV of its own.
  it.each(["lambda", "ecs"])("runs a %s unit's code with NODE_ENV=production", (type) => {
    const lines = unitDockerfile(unit(type), "index.js").split("\n");
    expect(lines.filter((line) => line.startsWith("ENV ")).join(" ")).toMatch(/\bNODE_ENV=production\b/);
    // Set before the app's dependencies are installed and its code copied in.
    expect(lines.findIndex((line) => line.includes("NODE_ENV=production"))).toBeLessThan(lines.findIndex((line) => line.startsWith("RUN npm install")));
  });
});
