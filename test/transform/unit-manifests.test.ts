import { describe, expect, it } from "vitest";
import type { NestedPackage, Project } from "../../src/load/project.js";
import type { Resource } from "../../src/plan/index.js";
import { unitPackageJson } from "../../src/transform/unit-manifests.js";

/** A project rooted at /app with `root` as its package.json's dependencies and `nested` as the package.json files of its folders. */
function project(root: Record<string, string>, nested: Record<string, Record<string, string>>): Project {
  const packages: NestedPackage[] = Object.entries(nested).map(([dir, dependencies]) => ({ dir, data: { name: dir, dependencies }, workspace: false }));
  return { root: "/app", packageJson: { path: "/app/package.json", data: { name: "app", dependencies: root } }, files: [], otherFiles: [], packages };
}

function unit(entrypoint: string, files: readonly string[]): Resource {
  return { id: "exec_unit:api", kind: "exec_unit", name: "api", type: "lambda", params: {}, entrypoint, files: [entrypoint, ...files], source: [], provenance: [] };
}

function dependenciesOf(json: string): unknown {
  const parsed: unknown = JSON.parse(json);
  return typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "dependencies") : undefined;
}

describe("unitPackageJson dependencies", () => {
  it("take a shared dependency's version from the package.json nearest the entrypoint, then the folders above it, then the others", () => {
    const nested = {
      "packages/api": { express: "^4.21.0", lodash: "^4.17.21" },
      "packages/api/vendor/x": { express: "^3.0.0", "left-pad": "1.3.0", lodash: "^3.0.0" },
      "packages/shared/lib": { dayjs: "^2.0.0", zod: "^3.23.0" },
    };
    const json = unitPackageJson(
      project({ dayjs: "^1.11.0", express: "^5.0.0" }, nested),
      "shop",
      unit("packages/api/src/main.js", ["packages/api/vendor/x/index.js", "packages/shared/lib/util.js"]),
      new Set(),
    );
    expect(dependenciesOf(json)).toEqual({ dayjs: "^1.11.0", express: "^4.21.0", "left-pad": "1.3.0", lodash: "^4.17.21", zod: "^3.23.0" });
  });

  it("give the project's own package.json precedence over deeper folders when the entrypoint is at the root", () => {
    const json = unitPackageJson(project({ dayjs: "^1.11.0" }, { "lib/a": { dayjs: "^2.0.0", ms: "2.1.3" }, "lib/a/b": { ms: "2.0.0" } }), "shop", unit("server.js", ["lib/a/b/c.js", "lib/a/d.js"]), new Set());
    expect(dependenciesOf(json)).toEqual({ dayjs: "^1.11.0", ms: "2.0.0" });
  });

  it("leave out the workspace's packages, those outside the compiled folder too: npm would fetch a public package of that name", () => {
    const inside = project({ "@acme/db": "*", "@acme/shared": "workspace:*", "@acme/local": "*", express: "^4.21.0" }, {});
    const compiled: Project = {
      ...inside,
      packages: [{ dir: "lib/local", data: { name: "@acme/local" }, workspace: true }],
      outsidePackages: [
        { name: "@acme/db", dir: "../../packages/db" },
        { name: "@acme/shared", dir: "../../packages/shared" },
      ],
    };
    expect(dependenciesOf(unitPackageJson(compiled, "acme", unit("src/server.js", []), new Set()))).toEqual({ express: "^4.21.0" });
  });
});
