import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** An output folder whose unit `unit` holds what `requests` emit to, as a compile writes it (into `into`, else a new folder). */
function outputFolderWith(requests: readonly EmitRequest[], unit = "main", into?: TempFolder): { folder: TempFolder; emitted: ReturnType<typeof emitAll> } {
  const folder = into ?? createTempFolder();
  if (!into) folders.push(folder);
  const emitted = emitAll(loadTypeScript(), requests);
  for (const { code, map } of emitted.values()) {
    for (const file of [code, map]) {
      mkdirSync(path.dirname(folder.path(unit, file.path)), { recursive: true });
      writeFileSync(folder.path(unit, file.path), file.text);
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
    expect(reuseEmits([request], readPreviousEmits(folder.dir)).missing).toEqual([request]);

    const unstamped = { ...request, stamp: undefined };
    const plain = outputFolderWith([unstamped]);
    const previous = readPreviousEmits(plain.folder.dir);
    expect(previous).toBeDefined();
    expect(previous?.get(request.stamp ?? "", code?.path ?? "", TEXT)).toBeUndefined();
    expect(readPreviousEmits(path.join(plain.folder.dir, "nothing-here"))).toBeUndefined();
  });

  it("takes the file from whichever unit folder holds that emit, when another unit's copy was edited or came from other TypeScript", () => {
    const request = requestOf(TEXT);
    const rewritten = requestOf(`${TEXT}export const other = 1;\n`);
    const { folder, emitted } = outputFolderWith([rewritten], "billing");
    outputFolderWith([request], "main", folder);
    outputFolderWith([request], "orders", folder);
    const code = emitted.get(emitKey(rewritten))?.code.path ?? "";
    writeFileSync(folder.path("main", code), "// edited\n");
    const previous = readPreviousEmits(folder.dir);
    const { reused, missing } = reuseEmits([request, rewritten], previous);
    expect(missing).toEqual([]);
    expect(reused.get(emitKey(request))?.code.text).toBe(readFileSync(folder.path("orders", code), "utf8"));
    expect(reused.get(emitKey(rewritten))?.code.text).toBe(emitted.get(emitKey(rewritten))?.code.text);
    expect(reused.get(emitKey(request))?.code.text).not.toBe(reused.get(emitKey(rewritten))?.code.text);
  });
});
