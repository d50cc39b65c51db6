import { describe, expect, it } from "vitest";
import { siteObjectKeys } from "../../src/util/site-keys.js";

const keysOf = (files: readonly string[], index?: string): Record<string, string> => Object.fromEntries(siteObjectKeys(files, index).keys);

describe("where a static site serves its files", () => {
  it("serves the index document's folder as the root, so the root URL and the page's relative links work", () => {
    const files = ["public/css/site.css", "public/docs/index.html", "public/index.html", "shared/version.js"];
    expect(siteObjectKeys(files, "index.html").root).toBe("public");
    // A file outside the folder keeps its project path: where `../shared/version.js` from the index lands.
    expect(keysOf(files, "index.html")).toEqual({ "public/css/site.css": "css/site.css", "public/docs/index.html": "docs/index.html", "public/index.html": "index.html", "shared/version.js": "shared/version.js" });
  });

  it("keeps project paths when the index document is at the project root, is not named, or is not among the files", () => {
    const files = ["assets/app.js", "index.html"];
    expect(keysOf(files, "index.html")).toEqual({ "assets/app.js": "assets/app.js", "index.html": "index.html" });
    expect(keysOf(["web/a.html"], undefined)).toEqual({ "web/a.html": "web/a.html" });
    expect(keysOf(["web/a.html"], "index.html")).toEqual({ "web/a.html": "web/a.html" });
  });

  it("keeps project paths, and reports the pair, when two files would share a path", () => {
    const result = siteObjectKeys(["public/index.html", "public/shared/x.js", "shared/x.js"], "index.html");
    expect(result.collisions).toEqual([["public/shared/x.js", "shared/x.js"]]);
    expect(result.root).toBe("");
    expect(Object.fromEntries(result.keys)).toEqual({ "public/index.html": "public/index.html", "public/shared/x.js": "public/shared/x.js", "shared/x.js": "shared/x.js" });
  });
});
