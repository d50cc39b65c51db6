import { describe, expect, it } from "vitest";
import type { BuildTrace } from "../../src/load/next-traces.js";
import { assignUnits } from "../../src/units/index.js";
import { analyzeProgram, lines, summarizeDiagnostics, type ProgramOptions, type SourceTree } from "../helpers/program.js";

const expose = `/* @klotho::expose { id = "web", target = "public" } */`;
const nextDependencies = { next: "15", react: "19", "react-dom": "19" };

/** A custom server creating `next(<options>)` in `file`, listened with an expose annotation. */
function server(options: string, file = "server.js"): SourceTree {
  return {
    [file]: lines(
      `const http = require("http");`,
      `const next = require("next");`,
      `const app = next(${options});`,
      expose,
      "http.createServer(app.getRequestHandler()).listen(3000);",
    ),
  };
}

function units(files: SourceTree, buildOutputFiles: readonly string[], options: ProgramOptions = {}, buildTraces: readonly BuildTrace[] = []) {
  const analysis = analyzeProgram(files, { packageJson: { dependencies: nextDependencies }, ...options });
  const project = { ...analysis.project, buildOutputFiles, buildTraces };
  return assignUnits(project, analysis.annotations, analysis.facts, analysis.imports, analysis.program);
}

const build = [".next/BUILD_ID", ".next/server/pages/index.js", "web/.next/BUILD_ID", "web/.next/static/a.js"];

describe("Next.js app files in the units", () => {
  it("carries the build, public/ and next.config.* of the app's folder into the unit holding next(), beside embedded assets", () => {
    const result = units(
      {
        ...server(`{ dir: "web" }`),
        "extra.js": lines("// @klotho::embed_assets { include = [\"data/*.json\"] }", "require('./server');"),
        "web/next.config.mjs": "export default {};",
        "next.config.js": "module.exports = {};",
        "web/pages/index.jsx": "export default () => null;",
      },
      build,
      { otherFiles: ["data/a.json", "public/root.txt", "web/public/logo.svg", "web/public/fonts/a.woff2"], packageJson: { main: "extra.js", dependencies: nextDependencies } },
    );
    expect(result.units.map((u) => [u.id, u.files, u.assets])).toEqual([
      ["main", ["extra.js", "server.js"], ["data/a.json", "web/.next/BUILD_ID", "web/.next/static/a.js", "web/next.config.mjs", "web/public/fonts/a.woff2", "web/public/logo.svg"]],
    ]);
    expect(result.progress).toContain("Adding Next.js app files to unit 'main': web/.next/ (2 files), web/public/ (2 files), web/next.config.mjs");
    expect(result.diagnostics).toEqual([]);
  });

  it("warns at next() when there is no production build, with the folder it looked in", () => {
    const result = units(server("{ dev: false }"), ["web/.next/BUILD_ID", ".next/trace"]);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual([
      "next/no-build server.js:3 No Next.js production build in .next/ (no BUILD_ID): run `next build` before klotho so the unit carries it; without it the app cannot start in the cloud.",
    ]);
    expect(result.units[0]?.assets).toEqual([".next/trace"]);
  });

  it("warns about dev: true, a dir it cannot know (then uses the project root), a dir outside the project and missing dependencies", () => {
    const cases: [string, string[]][] = [
      ["{ dev: true }", ["next/dev-mode"]],
      ["{ dir: process.env.APP_DIR }", ["next/unknown-dir"]],
      [`{ dir: "../site" }`, ["next/dir-outside-project"]],
    ];
    for (const [options, codes] of cases) {
      expect(units(server(options), build).diagnostics.map((d) => `${d.code} ${d.range?.start.line ?? 0}`), options).toEqual(codes.map((code) => `${code} 3`));
    }
    expect(units(server("{ dir: process.env.APP_DIR }"), build).units[0]?.assets).toEqual([".next/BUILD_ID", ".next/server/pages/index.js"]);
    expect(units(server(`{ dir: "../site" }`), build).units[0]?.assets).toBeUndefined();
    const devOnly = units({ ...server("{}"), "next.config.ts": "export default {};" }, build, { packageJson: { dependencies: { next: "15" }, devDependencies: { react: "19", "react-dom": "19" } } });
    expect(summarizeDiagnostics(devOnly.diagnostics)).toEqual([
      "next/missing-dependencies server.js:3 Not in the dependencies of package.json: react, react-dom, typescript. A unit installs dependencies only (not devDependencies), and a Next.js server needs next, react and react-dom (and typescript to load next.config.ts).",
    ]);
  });

  it("carries the project files the build's traces list (what pages and API routes read at run time), and warns about those outside the project", () => {
    const traces: BuildTrace[] = [
      { file: ".next/server/pages/api/posts.js.nft.json", files: ["../../package.json", "../content/a.md", ".next/server/chunks/957.js", "_posts/hello.md", "_posts/world.md", "package.json"] },
      { file: ".next/server/app/page.js.nft.json", files: [".git/HEAD", "_posts/hello.md", "data/site.json", "public/robots.txt"] },
      { file: "web/.next/server/pages/index.js.nft.json", files: ["web/notes.txt"] },
    ];
    const result = units(server("{ dev: false }"), build, { otherFiles: ["_posts/hello.md", "_posts/world.md", "data/site.json", "public/robots.txt", "web/notes.txt"] }, traces);
    expect(result.units[0]?.assets).toEqual([".next/BUILD_ID", ".next/server/pages/index.js", "_posts/hello.md", "_posts/world.md", "data/site.json", "public/robots.txt"]);
    expect(result.progress).toContain("Adding Next.js app files to unit 'main': .next/ (2 files), public/ (1 file), 3 files traced by next build");
    expect(summarizeDiagnostics(result.diagnostics)).toEqual([
      "next/traced-file-outside-project server.js:3 next build traced ../content/a.md, which the app reads at run time, outside the project: it is not carried into the unit. Compile the folder that holds it and the app.",
    ]);
  });

  it("carries only traced files the project keeps: a .gitignored .env.local or key, or one in a hidden folder, is reported at next(), never carried", () => {
    const traces: BuildTrace[] = [
      { file: ".next/server/pages/api/posts.js.nft.json", files: [".env.local", "_posts/hello.md", "secrets-dir/key.pem", ".secrets/token.txt", "out/x.txt"] },
    ];
    const rule = (pattern: string, line: number) => ({ pattern, file: ".gitignore", line });
    const gitignored = [
      { path: ".env.local", directory: false, rule: rule(".env*.local", 3) },
      { path: "secrets-dir", directory: true, rule: rule("secrets-dir/", 4) },
    ];
    const analysis = analyzeProgram(server("{ dev: false }"), { packageJson: { dependencies: nextDependencies }, otherFiles: ["_posts/hello.md"] });
    const project = { ...analysis.project, buildOutputFiles: build, buildTraces: traces, gitignored };
    const result = assignUnits(project, analysis.annotations, analysis.facts, analysis.imports, analysis.program);
    expect(result.units[0]?.assets).toEqual([".next/BUILD_ID", ".next/server/pages/index.js", "_posts/hello.md"]);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual([
      "next/traced-file-left-out server.js:3 next build traced 4 files the project leaves out, .env.local (.gitignore:3 '.env*.local'), .secrets/token.txt (the hidden folder .secrets/), out/x.txt and 1 more: they are not carried into the unit, as ignored files and hidden folders often hold secrets (.env files, keys). Give the unit its secrets through the environment; a file the app reads at run time belongs in a folder the project does not leave out.",
    ]);
    expect(result.diagnostics[0]?.range?.start.column).toBe(12);
  });

  it("carries the project files next.config.* imports, directly or not, and warns at the import of a package not in dependencies", () => {
    const config = lines(
      `const path = require("node:path");`,
      `const withBundleAnalyzer = require("@next/bundle-analyzer")({ enabled: process.env.ANALYZE === "true" });`,
      `const { i18n } = require("./next-i18next.config");`,
      `module.exports = withBundleAnalyzer({ i18n, headers: require("./config/headers"), sassOptions: { includePaths: [path.join(__dirname, "styles")] } });`,
    );
    const result = units(
      {
        ...server("{ dev: false }"),
        "next.config.js": config,
        "next-i18next.config.js": `module.exports = { i18n: require("./config/locales.json"), plugins: [require("i18next-http-backend")] };`,
        "config/headers.js": `module.exports = [{ key: "X-Frame-Options", value: require("./frame").value }];`,
        "config/frame.js": `exports.value = "DENY";`,
        "config/locales.json": `{ "defaultLocale": "en", "locales": ["en"] }`,
        "config/unused.js": "exports.x = 1;",
      },
      build,
      { packageJson: { dependencies: { ...nextDependencies, "i18next-http-backend": "2" }, devDependencies: { "@next/bundle-analyzer": "15" } } },
    );
    expect(result.units[0]?.assets).toEqual([
      ".next/BUILD_ID",
      ".next/server/pages/index.js",
      "config/frame.js",
      "config/headers.js",
      "config/locales.json",
      "next-i18next.config.js",
      "next.config.js",
    ]);
    expect(result.progress).toContain("Adding Next.js app files to unit 'main': .next/ (2 files), next.config.js with 4 files it imports");
    expect(result.diagnostics.map((d) => `${d.code} ${d.range?.file ?? ""}:${d.range?.start.line ?? 0}:${(d.range?.start.column ?? 0) + 1}`)).toEqual([
      "next/config-missing-dependency next.config.js:2:36",
    ]);
  });

  it("loads nothing for the types next.config.ts imports, and checks the packages of an ES module config", () => {
    const typed = units(
      { ...server("{ dev: false }"), "next.config.ts": lines(`import type { NextConfig } from "next";`, `import { type Redirect } from "next/dist/lib/load-custom-routes";`, "const config: NextConfig = {};", "export default config;") },
      build,
      { packageJson: { dependencies: { ...nextDependencies, typescript: "5" } } },
    );
    expect(typed.diagnostics).toEqual([]);
    const esm = units({ ...server("{ dev: false }"), "next.config.mjs": lines(`import mdx from "@next/mdx";`, `export { default as extra } from "./extra.mjs";`, "export default mdx()({});"), "extra.mjs": `export default await import("remark-gfm");` }, build);
    expect(esm.units[0]?.assets).toContain("extra.mjs");
    expect(summarizeDiagnostics(esm.diagnostics).map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual([
      "next/config-missing-dependency next.config.mjs:1",
      "next/config-missing-dependency extra.mjs:1",
    ]);
  });

  it("carries nothing and says nothing for a next() in a file no unit holds", () => {
    const unused = lines(`const next = require("next");`, "module.exports = next({ dev: true });");
    const result = units({ "unused/next-app.js": unused, "index.js": lines(`const express = require("express");`, "const app = express();", expose, "app.listen(3000);") }, []);
    expect(result.units.map((u) => [u.id, u.assets])).toEqual([["main", undefined]]);
    expect(result.diagnostics).toEqual([]);
  });
});
