import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

describe("a route API Gateway cannot declare", () => {
  it("is reported at the route, in the router's file, not at the expose annotation", async () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "files", main: "index.js", dependencies: { express: "^4.21.2" } }),
      "files.js": [
        'const express = require("express");',
        "const files = express.Router();",
        'files.get("/ok", (req, res) => res.send("ok"));',
        'files.get("/dl/:name.:ext", (req, res) => res.send(req.params.name));',
        "exports.files = files;",
        "",
      ].join("\n"),
      "index.js": [
        'const express = require("express");',
        'const { files } = require("./files");',
        "const app = express();",
        "app.use(files);",
        '/* @klotho::expose { id = "api", target = "public" } */',
        "app.listen(3000);",
        "",
      ].join("\n"),
    });
    const run = await runCli([".", "--app", "files", "--provider", "aws", "--json", "-o", "out"], { cwd: project.dir });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { diagnostics: unknown[] };
    expect(document.diagnostics).toEqual([
      {
        code: "render/widened-route",
        severity: "info",
        message: "API Gateway cannot declare the route 'GET /dl/:name.:ext', so gateway 'api' sends 'GET /dl/{proxy+}' to unit 'main', whose app matches the exact path.",
        file: "files.js",
        line: 4,
        column: 7,
        endLine: 4,
        endColumn: 69,
      },
    ]);
  });
});
