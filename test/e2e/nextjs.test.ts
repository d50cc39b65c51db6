// Next.js custom servers end to end: a tiny Next.js app (a pages/ page rendered on the server, an
// app/ page, API routes, one reading Markdown files at run time, public files, a config requiring a file) gets a real production `next build` (once, offline), three
// custom servers (Express with an explicit route and `all("*")`, plain `http.createServer`, an ES
// module with `use()` and top-level await) are compiled by the real CLI, and each compiled unit's
// dispatcher, in a process of its own like the Lambda image, answers API Gateway v1 and v2 events
// through the real `next` package, reading only what klotho carried into the unit.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { runCli } from "../helpers/run-cli.js";
import type { FileTree } from "../helpers/temp-project.js";
import { v1Event, v2Event, type RequestSpec } from "../runtime/api-gateway-events.js";
import { REPO, bytesOf, jsonOf, v1Result, v2Result, type Answer } from "./support.js";
import { startUnitProcess, type UnitProcess } from "./unit-process.js";

/** A 1×1 transparent PNG: a binary public file. */
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const expose = `/* @klotho::expose { id = "web", target = "public" } */`;

/** The Next.js app, without a server: built once, then shared by every server below. */
const NEXT_APP: FileTree = {
  "package.json": JSON.stringify({ name: "shop", private: true, dependencies: { express: "4", next: "15", react: "19", "react-dom": "19" } }),
  // poweredByHeader is read when the server starts, from a file the config requires: no `x-powered-by: Next.js`
  // proves the unit loaded this file and carried the one it imports.
  "next.config.js": `module.exports = { ...require("./config/next-base"), eslint: { ignoreDuringBuilds: true } };\n`,
  "config/next-base.js": "module.exports = { poweredByHeader: false };\n",
  // blog-starter's pattern: an API route reads Markdown files from the project at run time, which only the build's traces tell.
  "lib/posts.js": lines(
    `import fs from "fs";`,
    `import { join } from "path";`,
    `const postsDirectory = join(process.cwd(), "_posts");`,
    "export function allPosts() {",
    `  return fs.readdirSync(postsDirectory).sort().map((name) => ({ slug: name.replace(/\\.md$/, ""), content: fs.readFileSync(join(postsDirectory, name), "utf8") }));`,
    "}",
  ),
  "pages/api/posts.js": lines(`import { allPosts } from "../../lib/posts";`, "export default function handler(req, res) {", "  res.status(200).json(allPosts());", "}"),
  "_posts/hello.md": "# Hello\n",
  "_posts/world.md": "# World\n",
  "pages/index.js": lines(
    "export default function Home({ path }) {",
    "  return <main><h1>Hello from Next</h1><p id=\"path\">{path}</p></main>;",
    "}",
    "export async function getServerSideProps({ resolvedUrl }) {",
    "  return { props: { path: resolvedUrl } };",
    "}",
  ),
  "pages/api/hello.js": lines("export default function handler(req, res) {", "  res.status(200).json({ hello: \"next\", method: req.method, body: req.method === \"POST\" ? req.body : null });", "}"),
  "app/layout.js": lines("export default function RootLayout({ children }) {", "  return <html lang=\"en\"><body>{children}</body></html>;", "}"),
  "app/about/page.js": lines("export const dynamic = \"force-dynamic\";", "export default function About() {", "  return <h1>About this shop</h1>;", "}"),
  "public/robots.txt": "User-agent: *\nDisallow:\n",
};

interface ServerCase {
  readonly name: string;
  readonly files: FileTree;
  /** The routes resources.json must list for the gateway. */
  readonly routes: readonly string[];
  /** Whether an explicit Express route `/custom` answers beside Next. */
  readonly custom: boolean;
}

const SERVERS: readonly ServerCase[] = [
  {
    name: "Express: an explicit route and all('*') in prepare().then()",
    files: {
      "server.js": lines(
        `const express = require("express");`,
        `const next = require("next");`,
        `const app = next({ dev: process.env.NODE_ENV !== "production" });`,
        "const handle = app.getRequestHandler();",
        "app.prepare().then(() => {",
        "  const server = express();",
        `  server.get("/custom", (req, res) => res.json({ custom: true, from: "express" }));`,
        `  server.all("*", (req, res) => handle(req, res));`,
        `  ${expose}`,
        `  server.listen(3000, () => console.log("ready"));`,
        "});",
      ),
    },
    routes: ["ANY /", "ANY /:proxy*", "GET /custom"],
    custom: true,
  },
  {
    name: "plain http.createServer(handler) with dir: __dirname",
    files: {
      "server.js": lines(
        `const { createServer } = require("node:http");`,
        `const { parse } = require("node:url");`,
        `const next = require("next");`,
        "const app = next({ dev: false, dir: __dirname });",
        "const handle = app.getRequestHandler();",
        "app.prepare().then(() => {",
        `  ${expose}`,
        "  createServer((req, res) => handle(req, res, parse(req.url, true))).listen(3000);",
        "});",
      ),
    },
    routes: ["ANY /", "ANY /:proxy*"],
    custom: false,
  },
  {
    name: "ES module: await app.prepare(), an explicit route and use(handler)",
    files: {
      "server.mjs": lines(
        `import express from "express";`,
        `import next from "next";`,
        "const app = next({ dev: false });",
        "const handle = app.getRequestHandler();",
        "await app.prepare();",
        "const server = express();",
        `server.get("/custom", (req, res) => res.json({ custom: true, from: "express" }));`,
        "server.use((req, res) => handle(req, res));",
        expose,
        "server.listen(3000);",
      ),
    },
    routes: ["ANY /", "ANY /:proxy*", "GET /custom"],
    custom: true,
  },
];

// Under the repository, so that `next build` and the compiled units find next, react and express in its node_modules.
let workspace = "";
const built = (): string => path.join(workspace, "app");

afterAll(() => {
  if (workspace !== "") rmSync(workspace, { recursive: true, force: true });
});

beforeAll(() => {
  workspace = mkdtempSync(path.join(REPO, ".tmp-e2e-next-"));
  for (const [file, text] of [...Object.entries(NEXT_APP), ["public/pixel.png", PIXEL] as const]) {
    mkdirSync(path.dirname(path.join(built(), file)), { recursive: true });
    writeFileSync(path.join(built(), file), text);
  }
  execFileSync(path.join(REPO, "node_modules", ".bin", "next"), ["build", built()], {
    cwd: built(),
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CI: "1" },
    stdio: "pipe",
  });
}, 240_000);

describe.each(SERVERS)("Next.js custom server, $name", (server) => {
  const index = SERVERS.indexOf(server);
  const project = (): string => path.join(workspace, `project-${index}`);
  // Outside the project: Next.js looks for next.config.js in the folders above its own, as it would find the project's.
  const compiled = (): string => path.join(workspace, `compiled-${index}`);
  const unit = (): string => path.join(compiled(), "main");
  let running: UnitProcess | undefined;
  let compileOutput = "";

  beforeAll(async () => {
    // The built app with this server beside it: .next/ is copied, so the unit must not depend on where it was built.
    cpSync(built(), project(), { recursive: true });
    for (const [file, text] of Object.entries(server.files)) writeFileSync(path.join(project(), file), text);
    const result = await runCli([project(), "--app", "shop", "--provider", "aws", "-o", compiled()], { cwd: workspace });
    compileOutput = `${result.stdout}${result.stderr}`;
    expect(result.code, compileOutput).toBe(0);
    // The image's environment: the Dockerfile's NODE_ENV, no AWS resources needed.
    running = startUnitProcess(unit(), { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
  });

  const invoke = (event: unknown): Promise<Answer> => {
    if (!running) throw new Error("the unit did not start");
    return running.invoke(event);
  };

  it("compiles without warnings, routes the gateway to Next and carries the build, public/ and next.config.js", () => {
    expect(compileOutput).not.toContain("warning");
    expect(compileOutput).toContain("Adding Next.js app files to unit 'main': .next/ (");
    const plan = JSON.parse(readFileSync(path.join(compiled(), "resources.json"), "utf8")) as {
      resources: { id: string; routes?: { method: string; path: string }[]; assets?: string[] }[];
    };
    const gateway = plan.resources.find((r) => r.id === "gateway:web");
    expect(gateway?.routes?.map((r) => `${r.method} ${r.path}`)).toEqual(server.routes);
    const assets = plan.resources.find((r) => r.id === "exec_unit:main")?.assets ?? [];
    expect(assets).toEqual(expect.arrayContaining([".next/BUILD_ID", ".next/build-manifest.json", "_posts/hello.md", "_posts/world.md", "config/next-base.js", "next.config.js", "public/pixel.png", "public/robots.txt"]));
    expect(assets.filter((file) => file.startsWith(".next/cache/"))).toEqual([]);
    expect(readFileSync(path.join(unit(), ".next", "BUILD_ID"), "utf8")).toBe(readFileSync(path.join(built(), ".next", "BUILD_ID"), "utf8"));
    // Only the build runs in the cloud: the page sources stay behind.
    expect(existsSync(path.join(unit(), "pages"))).toBe(false);
    expect(existsSync(path.join(unit(), "app"))).toBe(false);
    expect(readFileSync(path.join(unit(), "Dockerfile"), "utf8")).toContain("ENV NODE_ENV=production\n");
  });

  describe.each([
    ["v1 (REST API)", (spec: RequestSpec) => v1Event(spec), v1Result],
    ["v2 (HTTP API)", (spec: RequestSpec) => v2Event(spec), v2Result],
  ] as const)("answers %s events", (_kind, event, result) => {
    it("renders a pages/ page on the server", async () => {
      const answer = result(await invoke(event({ path: "/", query: [["from", "gateway"]] })));
      expect(answer.statusCode).toBe(200);
      expect(answer.isBase64Encoded).toBe(false);
      expect(answer.body).toContain("<h1>Hello from Next</h1>");
      expect(answer.body).toContain('<p id="path">/?from=gateway</p>');
    });

    it("renders an app/ page", async () => {
      const answer = result(await invoke(event({ path: "/about" })));
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain("About this shop");
    });

    it("answers an API route with JSON, for GET and for a POST with a body", async () => {
      expect(jsonOf(result(await invoke(event({ path: "/api/hello" }))))).toEqual({ hello: "next", method: "GET", body: null });
      const posted = result(await invoke(event({ method: "POST", path: "/api/hello", headers: { "Content-Type": ["application/json"] }, body: '{"item":"socks"}' })));
      expect(posted.statusCode).toBe(200);
      expect(jsonOf(posted)).toEqual({ hello: "next", method: "POST", body: { item: "socks" } });
    });

    it("answers an API route reading project files at run time, which the build traced", async () => {
      const answer = result(await invoke(event({ path: "/api/posts" })));
      expect(answer.statusCode).toBe(200);
      expect(jsonOf(answer)).toEqual([
        { slug: "hello", content: "# Hello\n" },
        { slug: "world", content: "# World\n" },
      ]);
    });

    it("serves public files, text and binary, and the build's static chunks", async () => {
      const robots = result(await invoke(event({ path: "/robots.txt" })));
      expect(robots.statusCode).toBe(200);
      expect(robots.body).toBe("User-agent: *\nDisallow:\n");
      expect(bytesOf(result(await invoke(event({ path: "/pixel.png" }))))).toEqual(PIXEL);
      const manifest = JSON.parse(readFileSync(path.join(unit(), ".next", "build-manifest.json"), "utf8")) as { polyfillFiles: string[] };
      const chunk = result(await invoke(event({ path: `/_next/${String(manifest.polyfillFiles[0])}` })));
      expect(chunk.statusCode).toBe(200);
      expect(chunk.body.length).toBeGreaterThan(100);
    });

    it("answers the explicit Express route beside Next, and Next's 404 for an unknown page", async () => {
      if (server.custom) expect(jsonOf(result(await invoke(event({ path: "/custom" }))))).toEqual({ custom: true, from: "express" });
      const missing = result(await invoke(event({ path: "/no-such-page" })));
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain("404");
    });

    it("runs with the next.config.js the unit carries", async () => {
      // Next.js marks the pages it renders `x-powered-by: Next.js` unless the config says otherwise.
      const answer = result(await invoke(event({ path: "/" })));
      expect(answer.statusCode).toBe(200);
      expect(answer.headers["x-powered-by"]).not.toBe("Next.js");
    });
  });
});
