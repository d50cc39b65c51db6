// docs/frameworks/nestjs.md shows an app and the routes klotho finds in it: the example's files,
// analysed as they are written there, must give exactly those routes and that progress line.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeUnits, summarizeRoutes } from "../helpers/program.js";

const doc = readFileSync(new URL("../../docs/frameworks/nestjs.md", import.meta.url), "utf8");

/** The fenced blocks of `language` in the doc, in order. */
function blocks(language: string): string[] {
  return [...doc.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((match) => match[1] ?? "");
}

describe("docs/frameworks/nestjs.md", () => {
  it("lists the routes and the progress line klotho gives for its example", () => {
    const files = Object.fromEntries(
      blocks("ts").map((block) => {
        const name = /^\/\/ (\S+)\n/.exec(block)?.[1];
        if (name === undefined) throw new Error(`a ts block of the doc does not start with its file name:\n${block}`);
        return [name, block];
      }),
    );
    expect(Object.keys(files)).toHaveLength(5);
    const { units, diagnostics } = analyzeUnits(files);
    expect(diagnostics).toEqual([]);
    expect(summarizeRoutes(units)).toEqual(blocks("text")[0]?.trimEnd().split("\n"));
    expect(units.progress).toContain("Found 2 route(s) for controller 'UsersController'");
    expect(doc).toContain("`Found 2 route(s) for controller 'UsersController'`");
    expect(units.units.map((unit) => unit.id)).toEqual(["users"]);
    expect(units.units[0]?.files).toEqual([
      "src/app.module.ts",
      "src/main.ts",
      "src/users/users.controller.ts",
      "src/users/users.module.ts",
      "src/users/users.service.ts",
    ]);
  });
});
