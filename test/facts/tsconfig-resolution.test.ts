// Import resolution in a project with several tsconfig files, read from disk: each file's imports follow
// the `paths` and `baseUrl` of the tsconfig that compiles it (its nearest tsconfig.json, through
// `extends`, or the project a solution-style tsconfig.json references), as tsc resolves them.
import { describe, expect, it } from "vitest";
import { projectResolver } from "../../src/facts/index.js";
import { readProject } from "../../src/load/project.js";
import { tempProject } from "../helpers/temp-project.js";

describe("tsconfig paths, file by file", () => {
  it("resolves each file's alias with its own tsconfig: an app's tsconfig.json, a base it extends, a referenced project", () => {
    const root = tempProject({
      "package.json": JSON.stringify({ name: "repo", private: true, workspaces: ["apps/*"] }),
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["apps/web/lib/*"] } } }),
      "apps/api/tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", baseUrl: ".", paths: { "@/*": ["src/*"] } } }),
      "apps/api/src/server.ts": 'import { users } from "@/users.js";',
      "apps/api/src/users.ts": "export const users = 1;",
      "apps/web/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json" }),
      "apps/web/main.ts": 'import { users } from "@/users.js";',
      "apps/web/lib/users.ts": "export const users = 2;",
      "apps/admin/tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }] }),
      "apps/admin/tsconfig.app.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./app/*"] } }, include: ["app"] }),
      "apps/admin/app/main.ts": 'import { users } from "@/users.js";',
      "apps/admin/app/users.ts": "export const users = 3;",
      "tools/seed.ts": 'import { users } from "@/users.js";',
    }).dir;
    const { project } = readProject(root, []);
    if (!project) throw new Error("project not read");
    const resolve = projectResolver(project);
    expect(resolve("@/users.js", "apps/api/src/server.ts")).toEqual({ kind: "file", file: "apps/api/src/users.ts" });
    expect(resolve("@/users.js", "apps/web/main.ts")).toEqual({ kind: "file", file: "apps/web/lib/users.ts" });
    expect(resolve("@/users.js", "apps/admin/app/main.ts")).toEqual({ kind: "file", file: "apps/admin/app/users.ts" });
    // No tsconfig.json above it: no alias, a package name.
    expect(resolve("@/users.js", "tools/seed.ts").kind).toBe("package");
  });
});
