import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as inThreadModule from "../../src/diagram/index.js";
import type * as buildDigestModule from "../../src/load/build-digest.js";
import { renderTopology, startDiagramRenderer } from "../../src/diagram/index.js";
import { textChunk, withChunks } from "../../src/diagram/png-chunks.js";
import { syntheticPlan } from "../../bench/synthetic-plan.mjs";
import { fileOf } from "./plans.js";

const compiled = path.resolve(import.meta.dirname, "../../dist/diagram/index.js");

describe("the diagram on a worker thread", () => {
  // Run from the sources there is no compiled worker: the renderer draws in this thread, against the
  // diagram `expect` was told of. That one's PNG carries a chunk of its own, which only a PNG kept from it has.
  it("renders in this thread from the sources, against the diagram it was told of", async () => {
    const plan = syntheticPlan(5);
    const drawn = await renderTopology(plan);
    const marked = withChunks(Buffer.from(fileOf(drawn.files, ".png")), [{ type: "tEXt", data: textChunk("Comment", "the output folder's") }]);
    const previous = { svg: String(fileOf(drawn.files, ".svg")), png: new Uint8Array(marked) };
    const pngAfter = async (told: typeof previous | undefined) => {
      const renderer = startDiagramRenderer();
      renderer.expect(told);
      return Buffer.from(fileOf((await renderer.render(plan)).files, ".png"));
    };
    expect((await pngAfter(previous)).equals(marked)).toBe(true);
    expect((await pngAfter(undefined)).equals(Buffer.from(fileOf(drawn.files, ".png")))).toBe(true);
  });

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

  // Told of an output folder whose diagram it may keep, the thread does not load ELK ahead; a plan
  // that then draws something else loads it itself.
  it.runIf(existsSync(compiled))("lays out a changed plan after being told of a diagram it may keep, and keeps an unchanged one", async () => {
    const background = (await import(compiled)) as typeof inThreadModule;
    const { readBuildDigest } = (await import(path.resolve(import.meta.dirname, "../../dist/load/build-digest.js"))) as typeof buildDigestModule;
    const code = readBuildDigest();
    const drawn = await renderTopology(syntheticPlan(12), undefined, code);
    const previous = { svg: String(fileOf(drawn.files, ".svg")), png: new Uint8Array(Buffer.from(fileOf(drawn.files, ".png"))) };
    for (const [plan, kept] of [[syntheticPlan(30), false], [syntheticPlan(12), true]] as const) {
      const renderer = background.startDiagramRenderer();
      renderer.expect(previous);
      const [offThread, inThread] = await Promise.all([renderer.render(plan), renderTopology(plan, previous, code)]);
      expect(Object.keys(offThread.timings)).toEqual(kept ? ["diagram_kept"] : ["diagram_layout", "diagram_png"]);
      for (const extension of [".json", ".svg", ".png"]) expect(Buffer.from(fileOf(offThread.files, extension)).equals(Buffer.from(fileOf(inThread.files, extension)))).toBe(true);
      expect(Buffer.from(fileOf(offThread.files, ".png")).equals(Buffer.from(previous.png))).toBe(kept);
    }
  });
});
