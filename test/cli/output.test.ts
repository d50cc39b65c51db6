import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { textChunk, withChunks } from "../../src/diagram/png-chunks.js";
import { pngRenderer } from "../../src/diagram/png.js";
import { writeOutput } from "../../src/write/write-output.js";
import { runCli } from "../helpers/run-cli.js";
import { readEffectiveConfig, readTree, tempProject } from "../helpers/temp-project.js";

const COMPILE = [".", "--app", "pugs", "--provider", "aws"];
const GOOD = { "package.json": '{ "name": "pugs" }', "index.js": '// @klotho::teleport\nconst dogs = new Map();\nrequire("./lib/util");\n', "lib/util.ts": "export const x = 1;\n" };

/** A process id no process has: the folders a compile with it left are those of a killed compile. */
function deadPid(): number | undefined {
  return [4_000_000, 3_999_999, 3_999_998].find((pid) => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
}

describe("compiled/ is replaced atomically", () => {
  it("a failed compile leaves the earlier compiled/ byte-for-byte as it was", async () => {
    const project = tempProject(GOOD);
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(readEffectiveConfig(project.path("compiled"))).toMatchObject({ app: "pugs", provider: "aws", out_dir: "compiled" });
    project.write({ "compiled/Pulumi.pugs.yaml": "config:\n  aws:region: eu-west-1\n", "compiled/main/index.js": "// earlier output\n" });
    const before = readTree(project.path("compiled"));
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["Pulumi.pugs.yaml", "klotho.yaml", "main/index.js"]));

    project.write({ "lib/util.ts": "export const x = 1;\nexport const x = 2;\n" });
    const failed = await runCli([...COMPILE, "--app", "renamed"], { cwd: project.dir });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("lib/util.ts:2:14: error: Syntax error: Identifier 'x' has already been declared. [parse/syntax-error]");
    expect(readTree(project.path("compiled"))).toEqual(before);
    expect(readdirSync(project.dir).sort()).toEqual(["compiled", "index.js", "lib", "package.json"]);
  });

  it("a strict failure leaves the earlier output as it was too", async () => {
    const project = tempProject(GOOD);
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    const before = readTree(project.path("compiled"));
    expect((await runCli([...COMPILE, "--app", "other", "--strict"], { cwd: project.dir })).code).toBe(1);
    expect(readTree(project.path("compiled"))).toEqual(before);
  });

  it("a successful recompile replaces the folder and leaves no staging folders behind", async () => {
    const project = tempProject(GOOD);
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    project.write({ "compiled/stale.txt": "from an older compile\n" });
    expect((await runCli([...COMPILE, "--app", "pugs2"], { cwd: project.dir })).code).toBe(0);
    expect(Object.keys(readTree(project.path("compiled")))).not.toContain("stale.txt");
    expect(readEffectiveConfig(project.path("compiled"))).toMatchObject({ app: "pugs2" });
    expect(readdirSync(project.dir).sort()).toEqual(["compiled", "index.js", "lib", "package.json"]);
  });

  it("an output folder that cannot be made is an error with the reason, no stack trace and exit 2, and nothing is written", async () => {
    const project = tempProject({ ...GOOD, blocker: "a file, not a folder\n" });
    const run = await runCli([...COMPILE, "-o", "blocker/out"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Cannot write the output folder 'blocker\/out': ENOTDIR: not a directory, .*; the previous output, if any, is unchanged\. \[cli\/cannot-write-output\]$/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(project.dir).sort()).toEqual(["blocker", "index.js", "lib", "package.json"]);
  });

  it("a failed compile creates nothing, not even the folders above -o", async () => {
    const project = tempProject({ ...GOOD, "lib/util.ts": "export const x = 1;\nexport const x = 2;\n" });
    const failed = await runCli([...COMPILE, "-o", "new/deep/out"], { cwd: project.dir });
    expect(failed.code).toBe(1);
    expect(readdirSync(project.dir).sort()).toEqual(["index.js", "lib", "package.json"]);
  });

  it("a strict failure after a clean compile leaves no staging folder", async () => {
    const project = tempProject({ ...GOOD, "index.js": "// @klotho::teleport\nconst dogs = new Map();\n// @klotho::persist\nconst unused = 1;\n" });
    const run = await runCli([...COMPILE, "--strict"], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(readdirSync(project.dir).sort()).toEqual(["index.js", "lib", "package.json"]);
  });

  it("removes what a killed compile left beside compiled/, but not a running one's", async () => {
    const dead = deadPid();
    const project = tempProject({ ...GOOD, [`.compiled.klotho-new-${String(dead)}/main/index.js`]: "// half written\n", [`.compiled.klotho-old-${String(dead)}/klotho.yaml`]: "app: old\n", [`.compiled.klotho-new-${String(process.ppid)}/x.js`]: "// another compile, still running\n" });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(readdirSync(project.dir).sort()).toEqual([`.compiled.klotho-new-${String(process.ppid)}`, "compiled", "index.js", "lib", "package.json"]);
  });

  it("loses none of the user's files a compile killed mid-swap left in its folders: the next compile puts them back", async () => {
    const dead = deadPid();
    const served = `const express = require("express");\nconst app = express();\n/* @klotho::expose { id = "api", target = "public" } */\napp.listen(3000);\n`;
    // Killed between the swap's renames: no compiled/, the old tree set aside, the new one (holding the user's files) not in place.
    const newTree = `.compiled.klotho-new-${String(dead)}`;
    const project = tempProject({
      ...GOOD,
      "index.js": served,
      [`${newTree}/klotho.yaml`]: "app: pugs\n",
      [`${newTree}/Pulumi.prod.yaml`]: "config:\n  aws:region: eu-west-1\n",
      [`${newTree}/node_modules/x/index.js`]: "x\n",
      [`${newTree}/main/package.json`]: "{}\n",
      [`${newTree}/main/node_modules/y.js`]: "y\n",
      [`.compiled.klotho-old-${String(dead)}/klotho.yaml`]: "app: old\n",
    });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    const tree = readTree(project.path("compiled"));
    expect([tree["Pulumi.prod.yaml"]?.toString(), tree["node_modules/x/index.js"]?.toString(), tree["main/node_modules/y.js"]?.toString()]).toEqual(["config:\n  aws:region: eu-west-1\n", "x\n", "y\n"]);
    expect(readdirSync(project.dir).sort()).toEqual(["compiled", "index.js", "lib", "package.json"]);
    // Killed after moving the user's files into the new tree, before the swap: compiled/ is there without them.
    project.write({ [`${newTree}/node_modules/z/index.js`]: "z\n", [`${newTree}/Pulumi.dev.yaml`]: "config: {}\n" });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    const again = readTree(project.path("compiled"));
    expect([again["Pulumi.dev.yaml"]?.toString(), again["node_modules/x/index.js"]?.toString()]).toEqual(["config: {}\n", "x\n"]);
  });

  it("a recompile keeps what the user made in compiled/: every stack's settings, installed packages, a local Pulumi backend", async () => {
    const served = `const express = require("express");\nconst app = express();\n/* @klotho::expose { id = "api", target = "public" } */\napp.listen(3000);\n`;
    const project = tempProject({ ...GOOD, "index.js": served });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    const made = {
      "Pulumi.pugs.yaml": "config:\n  aws:region: eu-west-1\n",
      "Pulumi.staging.yaml": "config:\n  aws:region: us-east-1\n",
      "node_modules/@pulumi/pulumi/package.json": "{}\n",
      "package-lock.json": "{}\n",
      ".pulumi/stacks/pugs.json": "{}\n",
      "main/node_modules/express/index.js": "\n",
      "main/package-lock.json": "{}\n",
    };
    project.write(Object.fromEntries(Object.entries(made).map(([file, text]) => [`compiled/${file}`, text])));
    // Not the user's: a stray file klotho did not write, and a folder of a unit that no longer exists.
    project.write({ "compiled/notes.txt": "x\n", "compiled/gone/node_modules/a.js": "\n" });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    const tree = readTree(project.path("compiled"));
    for (const [file, text] of Object.entries(made)) expect(tree[file]?.toString(), file).toBe(text);
    expect(Object.keys(tree).filter((file) => file.startsWith("gone/") || file === "notes.txt")).toEqual([]);
    expect(readdirSync(project.dir).sort()).toEqual(["compiled", "index.js", "lib", "package.json"]);
  });

  it("an output folder that is a symbolic link stays one: the folder it points to is replaced, twice over, and nothing is left beside it", async () => {
    const project = tempProject(GOOD);
    mkdirSync(project.path("real-out"));
    symlinkSync("real-out", project.path("compiled"), "dir");
    for (const round of [1, 2]) {
      const run = await runCli(COMPILE, { cwd: project.dir });
      expect([round, run.code, run.stderr]).toEqual([round, 0, expect.not.stringContaining("cli/old-output-left")]);
      expect(lstatSync(project.path("compiled")).isSymbolicLink()).toBe(true);
      expect(readlinkSync(project.path("compiled"))).toBe("real-out");
      expect(readEffectiveConfig(project.path("real-out"))).toMatchObject({ app: "pugs" });
      expect(readdirSync(project.dir).sort()).toEqual(["compiled", "index.js", "lib", "package.json", "real-out"]);
    }
  });

  it("an output folder that is a link to the project, or to a folder above it, is refused before anything is written", async () => {
    const project = tempProject({ "app/package.json": GOOD["package.json"], "app/index.js": GOOD["index.js"], "app/lib/util.ts": GOOD["lib/util.ts"] });
    symlinkSync("app", project.path("to-project"), "dir");
    symlinkSync(".", project.path("to-above"), "dir");
    for (const link of ["to-project", "to-above"]) {
      const run = await runCli(["app", "--app", "pugs", "--provider", "aws", "-o", link], { cwd: project.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`error: Output folder '${link}' holds the project itself`);
    }
    expect(readdirSync(project.path("app")).sort()).toEqual(["index.js", "lib", "package.json"]);
  });

  it("two compiles of the same input give byte-identical output, wherever the project lives", async () => {
    const first = tempProject(GOOD);
    const second = tempProject(GOOD);
    expect((await runCli(COMPILE, { cwd: first.dir })).code).toBe(0);
    const once = readTree(first.path("compiled"));
    expect((await runCli(COMPILE, { cwd: first.dir })).code).toBe(0);
    expect(readTree(first.path("compiled"))).toEqual(once);
    expect((await runCli(COMPILE, { cwd: second.dir })).code).toBe(0);
    expect(readTree(second.path("compiled"))).toEqual(once);
  });
});

describe("a recompile's diagram", () => {
  it("keeps the output folder's PNG while the drawing stays the same, and draws it again when the drawing changes or the PNG is damaged", async () => {
    const project = tempProject(GOOD);
    const png = (): Buffer => readFileSync(project.path("compiled/pugs.png"));
    const svg = (): string => readFileSync(project.path("compiled/pugs.svg"), "utf8");
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    const drawn = png();
    // The same picture in other bytes, as this renderer records itself: only a kept PNG can be these bytes.
    const planted = withChunks(await sharp(drawn).png({ compressionLevel: 9 }).toBuffer(), [{ type: "tEXt", data: textChunk("Software", pngRenderer()) }]);
    writeFileSync(project.path("compiled/pugs.png"), planted);
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(png().equals(planted)).toBe(true);

    writeFileSync(project.path("compiled/pugs.png"), planted.subarray(0, 1000));
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(png().equals(drawn)).toBe(true);

    const before = svg();
    writeFileSync(project.path("compiled/pugs.png"), planted);
    project.write({ "index.js": `${GOOD["index.js"]}/** @klotho::persist { id = "cats" } */\nconst cats = new Map();\n` });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(svg()).not.toBe(before);
    expect(svg()).toContain('data-node="persist_kv:cats"');
    expect(png().equals(planted)).toBe(false);
    expect((await sharp(png()).metadata()).height).toBeGreaterThan((await sharp(drawn).metadata()).height ?? 0);
  });
});

describe("writeOutput", () => {
  it("keeps a create-only file that already exists and writes it when it does not", () => {
    const folder = tempProject({ "out/Pulumi.pugs.yaml": "config:\n  aws:region: eu-west-1\n", "out/klotho.yaml": "old\n", "out/old.txt": "old\n" });
    const files = [
      { path: "klotho.yaml", contents: "new\n" },
      { path: "Pulumi.pugs.yaml", contents: "config: {}\n", createOnly: true },
      { path: "main/index.js", contents: new Uint8Array([0x2f, 0x2f, 0x0a]) },
    ];
    expect(writeOutput(folder.path("out"), files)).toEqual({ created: [] });
    expect(readTree(folder.path("out"))).toEqual({
      "Pulumi.pugs.yaml": Buffer.from("config:\n  aws:region: eu-west-1\n"),
      "klotho.yaml": Buffer.from("new\n"),
      "main/index.js": Buffer.from("//\n"),
    });
    const fresh = tempProject({});
    expect(writeOutput(fresh.path("out"), files)).toEqual({ created: ["Pulumi.pugs.yaml"] });
    expect(fresh.read("out/Pulumi.pugs.yaml")).toBe("config: {}\n");
    expect(readdirSync(fresh.dir)).toEqual(["out"]);
  });

  it("leaves the old output and no staging folder when writing fails part-way", () => {
    const folder = tempProject({ "out/klotho.yaml": "old\n" });
    const conflicting = [
      { path: "main", contents: "a file where a folder is needed\n" },
      { path: "main/index.js", contents: "\n" },
    ];
    expect(() => writeOutput(folder.path("out"), conflicting)).toThrow(/EEXIST|ENOTDIR|EISDIR/);
    expect(readTree(folder.path("out"))).toEqual({ "klotho.yaml": Buffer.from("old\n") });
    expect(readdirSync(folder.dir)).toEqual(["out"]);
  });
});
