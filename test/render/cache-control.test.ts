import { describe, expect, it } from "vitest";
import { cacheControl, hasContentHash, IMMUTABLE, REVALIDATE } from "../../src/render/cache-control.js";

describe("hasContentHash", () => {
  it.each([
    ["assets/index-BdQq_4o_.js", true, "Vite / Rollup: '-' and 8 URL-safe base64 characters"],
    ["assets/index-BdQq_4o_.js.map", true, "its source map"],
    ["assets/vendor-react-CHdo91hT.js", true, "a chunk named with a '-'"],
    ["assets/index-B-x_9aQ1.css", true, "a hash holding '-' and '_'"],
    ["static/js/main.3f2a1b9c.js", true, "create-react-app / webpack: '.' and hex"],
    ["static/js/787.a1b2c3d4.chunk.js", true, "a webpack chunk"],
    ["_next/static/chunks/framework-2c79e2a64abdb08b.js", true, "Next.js: '-' and 16 hex characters"],
    ["media/5d41402abc4b2a76b9719d911017c592.png", true, "a name that is only a hash"],
    ["index.html", false, "the index document"],
    ["assets/inter-latin.woff2", false, "a file copied as it is"],
    ["js/my-component-library.js", false, "words"],
    ["reports/release-20240101.pdf", false, "a date: digits only"],
    ["assets/index-Bxcdefgh.js", false, "a Rollup hash without a digit (rare): revalidated, never wrongly kept"],
    ["jquery-3.7.1.min.js", false, "a version"],
  ])("%s → %s (%s)", (file, expected) => {
    expect(hasContentHash(file)).toBe(expected);
  });
});

describe("cacheControl", () => {
  it("revalidates HTML, even with a hash in its name, and anything without a hash; keeps hashed files a year", () => {
    expect(cacheControl("dist/index.html")).toBe(REVALIDATE);
    expect(cacheControl("dist/page.3f2a1b9c.html")).toBe(REVALIDATE);
    expect(cacheControl("dist/robots.txt")).toBe(REVALIDATE);
    expect(cacheControl("dist/assets/index-D8b4DHJx.css")).toBe(IMMUTABLE);
  });
});
