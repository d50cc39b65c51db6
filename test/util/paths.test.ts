import path from "node:path";
import { describe, expect, it } from "vitest";
import { below } from "../../src/util/paths.js";

describe("below", () => {
  it("joins a folder and a name below it as path.join does, for a folder with or without its last separator", () => {
    for (const [folder, name] of [["/a", "b"], ["/a/", "b"], ["/", "b"], ["/a/b", "c/d.js"]] as const) {
      expect(below(folder, name), `${folder} + ${name}`).toBe(path.join(folder, name));
    }
  });
});
