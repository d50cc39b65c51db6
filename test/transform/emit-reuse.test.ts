import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readPreviousEmits } from "../../src/load/previous-emits.js";
import { emitStamp, reuseEmits } from "../../src/transform/emit-reuse.js";
import { emitAll, emitKey, loadTypeScript, type EmitRequest } from "../../src/transform/typescript.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";

const project = { tsconfig: true, emit: { target: "ES2022" } };
const requestOf = (text: string, stampedBy = "build-1", overrides: Partial<EmitRequest> = {}): EmitRequest => {
  const request: EmitRequest = { path: "src/lib/total.ts", text, moduleKind: "esm", project, ...overrides };
  return { ...request, stamp: emitStamp(request, stampedBy, "5.9.3") ?? "" };
};
const TEXT = "export const total = (values: number[]): number => values.reduce((a, b) => a + b, 0);\n";

let folders: TempFolder[] = [];
afterEach(() => {
  for (const folder of folders) folder.remove();
  folders = [];
});

/** An output folder whose unit `main` holds what `requests` emit to, as a compile writes it. */
function outputFolderWith(requests: readonly EmitRequest[]): { folder: TempFolder; emitted: ReturnType<typeof emitAll> } {
  const folder = createTempFolder();
  folders.push(folder);
  const emitted = emitAll(loadTypeScript(), requests);
  for (const { code, map } of emitted.values()) {
    for (const file of [code, map]) {
      mkdirSync(path.dirname(folder.path("main", file.path)), { recursive: true });
      writeFileSync(folder.path("main", file.path), file.text);
    }
  }
  return { folder, emitted };
}

describe("emitStamp", () => {
  it("changes with the build, the TypeScript version, the module kind and the tsconfig's emit options, and is none without a build", () => {
    const base: EmitRequest = { path: "a.ts", text: "", moduleKind: "esm", project };
    const stamp = emitStamp(base, "build-1", "5.9.3");
    expect(stamp).toMatch(/^[0-9a-f]{64}$/);
    expect(emitStamp(base, "build-2", "5.9.3")).not.toBe(stamp);
    expect(emitStamp(base, "build-1", "5.9.2")).not.toBe(stamp);
    expect(emitStamp({ ...base, moduleKind: "cjs" }, "build-1", "5.9.3")).not.toBe(stamp);
    expect(emitStamp({ ...base, project: { tsconfig: true, emit: { target: "ES2020" } } }, "build-1", "5.9.3")).not.toBe(stamp);
    // The path and the text are part of the key the emit is found by, not of the stamp.
    expect(emitStamp({ ...base, path: "b.ts", text: "x" }, "build-1", "5.9.3")).toBe(stamp);
    expect(emitStamp(base, undefined, "5.9.3")).toBeUndefined();
  });
});

describe("reusing an earlier compile's emitted JavaScript", () => {
  it("finds the output folder's emit for the same stamp, path and TypeScript, as the same bytes the compiler gives", () => {
    const request = requestOf(TEXT);
    const { folder, emitted } = outputFolderWith([request]);
    const previous = readPreviousEmits(folder.dir);
    const { reused, missing } = reuseEmits([request], previous);
    expect(missing).toEqual([]);
    expect(reused.get(emitKey(request))).toEqual(emitted.get(emitKey(request)));
  });

  it("emits again for another build, another text, another path or an unstamped request", () => {
    const { folder } = outputFolderWith([requestOf(TEXT)]);
    const previous = readPreviousEmits(folder.dir);
    const others = [requestOf(TEXT, "build-2"), requestOf(`${TEXT}// changed\n`), requestOf(TEXT, "build-1", { path: "src/lib/other.ts" }), { ...requestOf(TEXT), stamp: undefined }];
    for (const request of others) expect(reuseEmits([request], previous).missing, JSON.stringify(request.path)).toEqual([request]);
  });

  it("does not take a JavaScript file edited since (its digest is not the recorded one), nor one whose map records no emit", () => {
    const request = requestOf(TEXT);
    const { folder, emitted } = outputFolderWith([request]);
    const code = emitted.get(emitKey(request))?.code;
    writeFileSync(folder.path("main", code?.path ?? ""), `${code?.text ?? ""}// edited\n`);
    expect(readPreviousEmits(folder.dir).size).toBe(0);

    const unstamped = { ...request, stamp: undefined };
    const plain = outputFolderWith([unstamped]);
    expect(readPreviousEmits(plain.folder.dir).size).toBe(0);
    expect(readPreviousEmits(path.join(plain.folder.dir, "nothing-here")).size).toBe(0);
  });
});
