// The fs runtime against s3rver, a real local S3: every fs/promises method it offers, and the
// fs-shaped errors user code checks (`error.code === "ENOENT"`).
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import nodePath from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3rver, type LocalBackend } from "../helpers/local-backends.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";
import { requireRuntime, requireUnitFile } from "./runtime-modules.js";
import { writeRuntime } from "./unit-folder.js";

const BUCKET = "pugs-user-files";
const { createFs } = requireRuntime("fs.js");

let s3rver: LocalBackend;
let fs: ReturnType<typeof createFs>;

beforeAll(async () => {
  s3rver = await startS3rver([BUCKET]);
  // AWS_ENDPOINT_URL_S3 is the SDK's per-service form of AWS_ENDPOINT_URL.
  Object.assign(process.env, {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    KLOTHO_FS_USER_FILES_BUCKET: BUCKET,
  });
  fs = createFs({ id: "user-files" });
});

afterAll(async () => {
  await s3rver.stop();
});

/** The code of a rejected call's error (fs errors carry one). */
async function codeOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return typeof error === "object" && error !== null && "code" in error ? error.code : error;
  }
  return "resolved";
}

describe("the fs runtime on S3", () => {
  it("writes and reads files as Buffers or text, with encodings like fs", async () => {
    await fs.writeFile("notes/hello.txt", "héllo");
    expect(await fs.readFile("notes/hello.txt", "utf8")).toBe("héllo");
    expect(await fs.readFile("/notes/hello.txt", { encoding: "utf8" })).toBe("héllo");
    expect(await fs.readFile("./notes/../notes/hello.txt")).toEqual(Buffer.from("héllo"));
    await fs.writeFile("bytes.bin", new Uint8Array([0, 255, 1]));
    expect(await fs.readFile("bytes.bin")).toEqual(Buffer.from([0, 255, 1]));
    await fs.writeFile("b64.txt", "aGk=", { encoding: "base64" });
    expect(await fs.readFile("b64.txt", "latin1")).toBe("hi");
    expect(await fs.readFile("b64.txt", "base64")).toBe("aGk=");
  });

  it("writes a stream, an async iterable or an iterable of chunks, collected, as fs/promises writeFile does", async () => {
    await fs.writeFile("streams/readable.txt", Readable.from([Buffer.from("hé"), "llo"]));
    expect(await fs.readFile("streams/readable.txt", "utf8")).toBe("héllo");
    async function* lines(): AsyncGenerator<string | Uint8Array> {
      yield "one\n";
      await Promise.resolve();
      yield new Uint8Array([116, 119, 111, 10]);
    }
    await fs.writeFile("streams/generated.txt", lines());
    expect(await fs.readFile("streams/generated.txt", "utf8")).toBe("one\ntwo\n");
    await fs.writeFile("streams/latin1.txt", ["caf", "\u00e9"], "latin1");
    expect(await fs.readFile("streams/latin1.txt")).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await fs.appendFile("streams/generated.txt", Readable.from(["three\n"]));
    expect(await fs.readFile("streams/generated.txt", "utf8")).toBe("one\ntwo\nthree\n");
    await fs.writeFile("streams/generated.txt", Readable.from(["four\n"]), { flag: "a" });
    expect(await fs.readFile("streams/generated.txt", "utf8")).toBe("one\ntwo\nthree\nfour\n");
  });

  it("refuses data it cannot write with fs's ERR_INVALID_ARG_TYPE, saying what it takes", async () => {
    // What JavaScript code may pass, whatever the declared types say.
    const write = (data: unknown) => fs.writeFile("streams/bad.txt", data as string);
    await expect(write({ a: 1 })).rejects.toThrow(
      'The "data" argument must be of type string or an instance of Buffer, TypedArray or DataView, or an iterable, async iterable or stream of them. Received an instance of Object',
    );
    expect(await codeOf(write(42))).toBe("ERR_INVALID_ARG_TYPE");
    await expect(write(Readable.from([1, 2]))).rejects.toThrow("A chunk of the data must be of type string or an instance of Buffer, TypedArray or DataView");
    expect(await codeOf(fs.access("streams/bad.txt"))).toBe("ENOENT");
  });

  it("stores a file as the object whose key is its path", async () => {
    await fs.writeFile("/keys/a.txt", "A");
    const client = new S3Client({ forcePathStyle: true });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "keys/a.txt" }));
    expect(await object.Body?.transformToString()).toBe("A");
    client.destroy();
  });

  it("appends to new and existing files", async () => {
    await fs.appendFile("log.txt", "one\n");
    await fs.appendFile("log.txt", Buffer.from("two\n"));
    await fs.writeFile("log.txt", "three\n", { flag: "a" });
    expect(await fs.readFile("log.txt", "utf8")).toBe("one\ntwo\nthree\n");
    expect(await codeOf(fs.writeFile("log.txt", "x", { flag: "wx" }))).toBe("EEXIST");
  });

  it("lists directories, with file types, sorted", async () => {
    await fs.writeFile("photos/2024/rex.jpg", "jpg");
    await fs.writeFile("photos/bella.jpg", "jpg");
    await fs.writeFile("photos/ana.png", "png");
    await fs.mkdir("photos/empty");
    expect(await fs.readdir("photos")).toEqual(["2024", "ana.png", "bella.jpg", "empty"]);
    const entries = await fs.readdir("/photos/", { withFileTypes: true });
    expect(entries.map((entry) => [entry.name, entry.isDirectory(), entry.isFile()])).toEqual([
      ["2024", true, false],
      ["ana.png", false, true],
      ["bella.jpg", false, true],
      ["empty", true, false],
    ]);
    expect(await fs.readdir("photos/empty")).toEqual([]);
    expect(await fs.readdir("/")).toEqual(expect.arrayContaining(["photos", "notes", "log.txt"]));
  });

  it("lists a tree with readdir(dir, { recursive: true }) as Node does: relative paths, folders between included", async () => {
    const files = ["a.txt", "sub/b.txt", "sub/deep/c.txt", "sub2/x/y.txt"];
    const local = mkdtempSync(nodePath.join(tmpdir(), "klotho-readdir-"));
    try {
      for (const file of files) {
        mkdirSync(nodePath.dirname(nodePath.join(local, file)), { recursive: true });
        writeFileSync(nodePath.join(local, file), "x");
        await fs.writeFile(`tree/${file}`, "x");
      }
      mkdirSync(nodePath.join(local, "empty"));
      await fs.mkdir("tree/empty");
      // Node lists in the order the disk gives; the bucket's listing is sorted.
      const expected = readdirSync(local, { recursive: true }).sort();
      expect(expected).toEqual(["a.txt", "empty", "sub", "sub/b.txt", "sub/deep", "sub/deep/c.txt", "sub2", "sub2/x", "sub2/x/y.txt"]);
      expect(await fs.readdir("tree", { recursive: true })).toEqual(expected);
      const typed = (entries: readonly { name: string; parentPath: string; isDirectory(): boolean }[], root: string) =>
        entries.map((entry) => [nodePath.relative(root, nodePath.join(entry.parentPath, entry.name)), entry.name, entry.isDirectory()]).sort();
      const dirents = await fs.readdir("tree", { recursive: true, withFileTypes: true });
      expect(typed(dirents, "tree")).toEqual(typed(readdirSync(local, { recursive: true, withFileTypes: true }), local));
      expect(dirents.find((entry) => entry.name === "c.txt")?.parentPath).toBe("tree/sub/deep");
      expect(await fs.readdir("tree/sub2", { recursive: true })).toEqual(["x", "x/y.txt"]);
      expect(await fs.readdir("tree/empty", { recursive: true })).toEqual([]);
      expect(await codeOf(fs.readdir("tree/none", { recursive: true }))).toBe("ENOENT");
      expect(await codeOf(fs.readdir("tree/a.txt", { recursive: true }))).toBe("ENOTDIR");
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });

  it("checks access and stats files and directories", async () => {
    await fs.writeFile("stat/me.txt", "12345");
    await expect(fs.access("stat/me.txt")).resolves.toBeUndefined();
    await expect(fs.access("stat")).resolves.toBeUndefined();
    const file = await fs.stat("stat/me.txt");
    expect([file.size, file.isFile(), file.isDirectory()]).toEqual([5, true, false]);
    expect(Math.abs(file.mtimeMs - Date.now())).toBeLessThan(60_000);
    const dir = await fs.stat("stat");
    expect([dir.isFile(), dir.isDirectory()]).toEqual([false, true]);
  });

  it("makes directories like fs.mkdir", async () => {
    await expect(fs.mkdir("made")).resolves.toBeUndefined();
    expect(await codeOf(fs.mkdir("made"))).toBe("EEXIST");
    await expect(fs.mkdir("made", { recursive: true })).resolves.toBeUndefined();
    expect(await codeOf(fs.mkdir("missing/child"))).toBe("ENOENT");
    await expect(fs.mkdir("deep/er/est", { recursive: true })).resolves.toBe("deep/er/est");
    expect((await fs.stat("deep/er")).isDirectory()).toBe(true);
  });

  it("unlinks files and removes trees", async () => {
    await fs.writeFile("trash/a.txt", "a");
    await fs.writeFile("trash/sub/b.txt", "b");
    await fs.writeFile("trash/sub/c.txt", "c");
    await fs.mkdir("trash/empty");
    await fs.unlink("trash/a.txt");
    expect(await codeOf(fs.readFile("trash/a.txt"))).toBe("ENOENT");
    expect(await codeOf(fs.unlink("trash"))).toBe("EISDIR");
    expect(await codeOf(fs.rm("trash"))).toBe("ERR_FS_EISDIR");
    await fs.rm("trash", { recursive: true });
    expect(await codeOf(fs.access("trash"))).toBe("ENOENT");
    expect(await codeOf(fs.access("trash/empty"))).toBe("ENOENT");
    await fs.writeFile("single.txt", "s");
    await fs.rm("single.txt");
    expect(await codeOf(fs.stat("single.txt"))).toBe("ENOENT");
    await expect(fs.rm("single.txt", { force: true })).resolves.toBeUndefined();
  });

  it("renames and copies files like fs (copies, then deletes: S3 has no rename)", async () => {
    await fs.writeFile("moves/draft.txt", "v1");
    await fs.rename("moves/draft.txt", "moves/final.txt");
    expect(await fs.readFile("moves/final.txt", "utf8")).toBe("v1");
    expect(await codeOf(fs.access("moves/draft.txt"))).toBe("ENOENT");
    await fs.copyFile("moves/final.txt", "moves/backup.txt");
    expect(await fs.readFile("moves/backup.txt", "utf8")).toBe("v1");
    expect(await fs.readFile("moves/final.txt", "utf8")).toBe("v1");
    // COPYFILE_EXCL (fs.constants) refuses an existing destination; without it, it is replaced.
    expect(await codeOf(fs.copyFile("moves/final.txt", "moves/backup.txt", 1))).toBe("EEXIST");
    await fs.writeFile("moves/final.txt", "v2");
    await fs.rename("moves/final.txt", "moves/backup.txt");
    expect(await fs.readFile("moves/backup.txt", "utf8")).toBe("v2");
    await fs.rename("moves/backup.txt", "moves/backup.txt");
    expect(await fs.readFile("moves/backup.txt", "utf8")).toBe("v2");
    await expect(fs.rename("moves/gone.txt", "moves/x.txt")).rejects.toThrow("ENOENT: no such file or directory, rename 'moves/gone.txt' -> 'moves/x.txt'");
    expect(await codeOf(fs.copyFile("moves", "elsewhere"))).toBe("EISDIR");
    await fs.mkdir("moves/folder");
    expect(await codeOf(fs.rename("moves/backup.txt", "moves/folder"))).toBe("EISDIR");
    expect(await fs.readFile("moves/backup.txt", "utf8")).toBe("v2");
  });

  it("fails like fs for missing paths", async () => {
    const missing = "no/such/file.txt";
    const calls = [() => fs.readFile(missing), () => fs.access(missing), () => fs.stat(missing), () => fs.unlink(missing), () => fs.rm(missing), () => fs.readdir(missing), () => fs.rename(missing, "x"), () => fs.copyFile(missing, "x")];
    for (const call of calls) expect(await codeOf(call())).toBe("ENOENT");
    await expect(fs.readFile(missing, "utf8")).rejects.toThrow("ENOENT: no such file or directory, open 'no/such/file.txt'");
    expect(await codeOf(fs.readdir("notes/hello.txt"))).toBe("ENOTDIR");
  });

  it("works with methods taken off the object, as after `import { readFile } from 'fs/promises'`", async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the methods are bound; that is what this tests
    const { readFile, writeFile } = createFs({ id: "user-files" });
    await writeFile("destructured.txt", "ok");
    expect(await readFile("destructured.txt", "utf8")).toBe("ok");
  });

  it("surfaces S3 errors and missing settings with the fs id", async () => {
    const other = createFs({ id: "photos" });
    await expect(other.readFile("a")).rejects.toThrow("environment variable KLOTHO_FS_PHOTOS_BUCKET is not set");
    process.env["KLOTHO_FS_PHOTOS_BUCKET"] = "no-such-bucket";
    await expect(other.writeFile("a", "b")).rejects.toThrow(/klotho fs 'photos': writeFile\('a'\) failed: NoSuchBucket/);
  });
});

/** The store module of a unit, as the user wrote it: paths built from its own folder. */
interface Store {
  write(name: string, text: string): Promise<void>;
  read(name: string): Promise<string>;
  readRelative(name: string): Promise<string>;
  writeAbsolute(file: string, text: string): Promise<void>;
}

// What the r2 app does: one module, in every unit, reads and writes `path.join(__dirname, "reports", n)`
// and `path.join(__dirname, "..", "data", n)` from src/. A Lambda unit's folder is /var/task, a
// container's /app; the keys must not depend on it, or two units sharing the bucket miss each
// other's files and a unit changing type loses its data.
const STORE = `const path = require("path");
const fs = require("../klotho_runtime/fs.js").createFs({ id: "user-files" });
const DIR = path.join(__dirname, "..", "reports");
exports.write = (n, t) => fs.writeFile(path.join(DIR, n), t);
exports.read = (n) => fs.readFile(path.join(DIR, n), "utf8");
exports.readRelative = (n) => fs.readFile("reports/" + n, "utf8");
exports.writeAbsolute = (file, t) => fs.writeFile(file, t);
`;

describe("the fs runtime's keys, wherever the unit's folder is", () => {
  let machine: TempFolder;
  const stores = new Map<string, Store>();

  beforeAll(() => {
    machine = createTempFolder();
    for (const unitFolder of ["var/task", "app"]) {
      const dir = machine.path(unitFolder);
      machine.write({ [`${unitFolder}/src/store.js`]: STORE });
      writeRuntime(dir);
      // A required module's exports, shaped by STORE above.
      stores.set(unitFolder, requireUnitFile(dir, "src/store.js") as Store);
    }
  });

  afterAll(() => {
    machine.remove();
  });

  function store(unitFolder: string): Store {
    const found = stores.get(unitFolder);
    if (found === undefined) throw new Error(`no unit folder ${unitFolder}`);
    return found;
  }

  async function objectText(key: string): Promise<string | undefined> {
    const client = new S3Client({ forcePathStyle: true });
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return await object.Body?.transformToString();
    } finally {
      client.destroy();
    }
  }

  it("keys a path inside the unit's folder by its path in the folder, so a Lambda unit and a container share files", async () => {
    await store("var/task").write("q1.txt", "from lambda");
    expect(await objectText("reports/q1.txt")).toBe("from lambda");
    expect(await store("app").read("q1.txt")).toBe("from lambda");
    await store("app").write("q2.txt", "from ecs");
    expect(await store("var/task").read("q2.txt")).toBe("from ecs");
  });

  it("takes a relative path from the unit's folder, not from process.cwd()", async () => {
    await store("app").write("q3.txt", "relative");
    const cwd = process.cwd();
    process.chdir(machine.dir);
    try {
      expect(await store("var/task").readRelative("q3.txt")).toBe("relative");
    } finally {
      process.chdir(cwd);
    }
  });

  it("keys an absolute path outside the unit's folder by itself, without the leading slash", async () => {
    await store("var/task").writeAbsolute("/tmp/klotho-outside.txt", "outside");
    expect(await objectText("tmp/klotho-outside.txt")).toBe("outside");
  });

  it("makes keys from paths the same way in every folder: relative ones stop at the folder, as at /", () => {
    const cases: [string, string, string][] = [
      ["/var/task", "/var/task/reports/x", "reports/x"],
      ["/app", "/app/reports/x", "reports/x"],
      ["/app", "/app/src/../reports/x/", "reports/x"],
      ["/app", "./reports/x", "reports/x"],
      ["/app", "../../reports/x", "reports/x"],
      ["/var/task", "/reports/x", "reports/x"],
      ["/var/task", "/var/log/x", "var/log/x"],
      ["/app", "/var/log/x", "var/log/x"],
      ["/app", "/app2/x", "app2/x"],
      ["/app", "/app", ""],
      ["/app", "/", ""],
    ];
    const { toKey } = requireRuntime("fs.js");
    expect(cases.map(([root, file]) => [root, file, toKey(file, root)])).toEqual(cases);
    expect(toKey(new URL("file:///app/a%20b.txt"), "/app")).toBe("a b.txt");
  });
});
