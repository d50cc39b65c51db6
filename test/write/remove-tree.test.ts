import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeTree } from "../../src/write/remove-tree.js";
import { tempProject } from "../helpers/temp-project.js";

describe("removeTree", () => {
  it("deletes a folder with nested folders and files, and removes links without following them", () => {
    const temp = tempProject({ "old/a.js": "a", "old/unit/src/b.js": "b", "old/unit/src/lib/c.js.map": "{}", "old/empty/.keep": "", "kept/precious.txt": "keep me" });
    mkdirSync(temp.path("old", "really-empty"));
    symlinkSync(temp.path("kept"), temp.path("old", "unit", "link-to-folder"), "dir");
    symlinkSync(temp.path("kept", "precious.txt"), temp.path("old", "link-to-file"));
    removeTree(temp.path("old"));
    expect(existsSync(temp.path("old"))).toBe(false);
    expect(readFileSync(temp.path("kept", "precious.txt"), "utf8")).toBe("keep me");
  });

  it("given a link to a folder, removes the link and leaves the folder and what it holds", () => {
    const temp = tempProject({ "real/a.js": "a", "real/sub/b.js": "b" });
    symlinkSync(temp.path("real"), temp.path("link"), "dir");
    removeTree(temp.path("link"));
    expect(existsSync(temp.path("link"))).toBe(false);
    expect(readFileSync(temp.path("real", "sub", "b.js"), "utf8")).toBe("b");
    expect(readFileSync(temp.path("real", "a.js"), "utf8")).toBe("a");
  });

  it("is no error for a folder that is not there, and an error for a folder it cannot empty", () => {
    const temp = tempProject({ "file.txt": "x" });
    expect(() => { removeTree(temp.path("missing")); }).not.toThrow();
    expect(() => { removeTree(path.join(temp.path("file.txt"), "below")); }).toThrow(/ENOTDIR/);
    writeFileSync(temp.path("plain"), "not a folder");
    expect(() => { removeTree(temp.path("plain")); }).toThrow(/ENOTDIR/);
    expect(existsSync(temp.path("plain"))).toBe(true);
  });
});
