import { describe, expect, it } from "vitest";
import { cacheControl, hasContentHash, IMMUTABLE, REVALIDATE } from "../../src/render/cache-control.js";

describe("hasContentHash", () => {
  it.each([
    ["assets/index-BdQq_4o_.js", true, "Vite / Rollup: '-' and 8 URL-safe base64 characters in assets/"],
    ["dist/assets/index-D8b4DHJx.css", true, "Vite's CSS, in the build folder's assets/"],
    ["assets/index-BdQq_4o_.js.map", true, "its source map"],
    ["assets/vendor-react-CHdo91hT.js", true, "a chunk named with a '-'"],
    ["assets/react-CHdo91hT.svg", true, "an imported asset"],
    ["static/js/main.3f2a1b9c.js", true, "create-react-app / webpack: '.' and hex"],
    ["build/static/css/main.073c9b0a.css", true, "create-react-app's CSS"],
    ["build/static/media/logo.6ce24c58023cc2f8fd88fe9d219db6c6.svg", true, "create-react-app's media"],
    ["static/js/787.a1b2c3d4.chunk.js", true, "a webpack chunk"],
    ["dist/main.a1b2c3d4e5f6a7b8c9d0.js", true, "webpack's default [contenthash] at the output's root"],
    ["dist/index.3f2a1b9c.js", true, "Parcel"],
    ["_next/static/chunks/framework-2c79e2a64abdb08b.js", true, "Next.js: '-' and 16 hex characters"],
    ["out/_next/static/chunks/pages/_app-1a2b3c4d5e6f7a8b.js", true, "a Next.js page chunk"],
    ["_next/static/css/8e2b4a1c9d3f7e6a.css", true, "Next.js's CSS: only a hash"],
    ["media/5d41402abc4b2a76b9719d911017c592.png", true, "a name that is only a hash"],
    ["index.html", false, "the index document"],
    ["assets/inter-latin.woff2", false, "a file copied as it is"],
    ["js/my-component-library.js", false, "words"],
    ["reports/release-20240101.pdf", false, "a date: digits only"],
    ["assets/index-Bxcdefgh.js", false, "a Rollup hash without a digit (rare): revalidated, never wrongly kept"],
    ["assets/index-B-x_9aQ1.css", false, "a Rollup hash holding '-': revalidated, as names with '-' are not told apart"],
    ["jquery-3.7.1.min.js", false, "a version"],
    ["logo-v2-final.png", false, "a name ending in 8 characters with '-'"],
    ["docs/user-guide-v1.pdf", false, "a versioned document"],
    ["photo-2023-v10.jpg", false, "a year and a version"],
    ["banner-2024-web.jpg", false, "a year and a word"],
    ["hero-image-v3.webp", false, "a word and a version"],
    ["assets/img/hero-image-v3.webp", false, "the same in a hand-written assets/ folder"],
    ["assets/avatar-user1234.png", false, "8 letters and digits in assets/, one case: a name, not a hash"],
    ["img/index-BdQq_4o_.js", false, "a Vite-like name outside a bundler's folder: revalidated"],
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
