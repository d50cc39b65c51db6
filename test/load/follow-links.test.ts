// The output folder behind symbolic links: each link's target is relative to the link's real folder.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { followLinks } from "../../src/load/follow-links.js";

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "klotho-links-")));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("followLinks", () => {
  it("follows a relative link inside a folder reached through another link from where that folder really is", () => {
    mkdirSync(path.join(root, "real-parent"));
    mkdirSync(path.join(root, "target"));
    mkdirSync(path.join(root, "work"));
    symlinkSync(path.join(root, "real-parent"), path.join(root, "work", "deep"));
    symlinkSync("../target", path.join(root, "real-parent", "out"));
    expect(followLinks(path.join(root, "work", "deep", "out"))).toBe(path.join(root, "target"));
  });

  it("gives a folder that is no link as it is, and one that does not exist yet where it would be made", () => {
    expect(followLinks(path.join(root, "target"))).toBe(path.join(root, "target"));
    expect(followLinks(path.join(root, "work", "deep", "new"))).toBe(path.join(root, "real-parent", "new"));
  });
});
