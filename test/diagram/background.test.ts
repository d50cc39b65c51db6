import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as inThreadModule from "../../src/diagram/index.js";
import type * as buildDigestModule from "../../src/load/build-digest.js";
import { renderTopology } from "../../src/diagram/index.js";
import { syntheticPlan } from "../../bench/synthetic-plan.mjs";

const compiled = path.resolve(import.meta.dirname, "../../dist/diagram/index.js");

describe("the diagram on a worker thread", () => {
  // `npm test` builds dist/ first; the worker exists only there (the sources render in-thread).
  it.runIf(existsSync(compiled))("gives the same files, byte for byte, as rendering in this thread", async () => {
    const background = (await import(compiled)) as typeof inThreadModule;
    // The build's digest of its code, which the worker keys its PNG with.
    const { readBuildDigest } = (await import(path.resolve(import.meta.dirname, "../../dist/load/build-digest.js"))) as typeof buildDigestModule;
    const code = readBuildDigest();
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    const plan = syntheticPlan(12);
    const [offThread, inThread] = await Promise.all([background.startDiagramRenderer().render(plan), renderTopology(plan, undefined, code)]);
    expect(offThread.progress).toEqual(inThread.progress);
    expect(offThread.files.map((f) => f.path)).toEqual(inThread.files.map((f) => f.path));
    for (const [index, file] of offThread.files.entries()) expect(Buffer.from(file.contents).equals(Buffer.from(inThread.files[index]?.contents ?? ""))).toBe(true);
  });
});
