import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { syntheticPlan } from "../../bench/synthetic-plan.mjs";
import { drawPlan, renderTopology } from "../../src/diagram/index.js";
import { pngChunks, pngText, textChunk, withChunks } from "../../src/diagram/png-chunks.js";
import { bandHeight, bandStep, densityChunk, isPngOf, PNG_SCALE, PNG_SCREEN_BUDGET, pngRenderer, pngScale, sceneToPng } from "../../src/diagram/png.js";
import { fileOf, fixturePlan } from "./plans.js";

const EXAMPLES = ["capabilities/pubsub-cjs-units", "storage/esm-two-units", "capabilities/static-site", "express/seed-two-units"];

describe("the topology files", () => {
  it.each(EXAMPLES)("of %s: <app>.json, .svg and .png, the SVG naming every resource and edge", async (name) => {
    const plan = fixturePlan(name);
    const { files, progress } = await renderTopology(plan);
    expect(files.map((f) => f.path)).toEqual([`${plan.app}.json`, `${plan.app}.png`, `${plan.app}.svg`]);
    expect(progress).toEqual([`Adding resource topology:${plan.app}`]);
    const svg = fileOf(files, ".svg");
    expect(typeof svg).toBe("string");
    // Each card carries its full id as a <title>, which viewers show over it (a long name is cut short on the card).
    for (const resource of plan.resources) expect(svg).toContain(`<g data-node="${resource.id}">\n<title>${resource.id}</title>`);
    for (const edge of plan.edges) expect(svg).toContain(`data-edge="${edge.source} -> ${edge.target}"`);
  });

  it("are byte-identical across two runs", async () => {
    const plan = fixturePlan("capabilities/pubsub-cjs-units");
    const [first, second] = [await renderTopology(plan), await renderTopology(plan)];
    expect(second.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
    for (const [i, file] of first.files.entries()) expect(Buffer.from(second.files[i]!.contents).equals(Buffer.from(file.contents)), file.path).toBe(true);
  });

  it("include a PNG that decodes, at twice the SVG's size", async () => {
    const plan = fixturePlan("storage/esm-two-units");
    const { scene } = await drawPlan(plan);
    const png = fileOf((await renderTopology(plan)).files, ".png");
    const metadata = await sharp(png).metadata();
    expect(metadata).toMatchObject({ format: "png", width: scene.width * PNG_SCALE, height: scene.height * PNG_SCALE, channels: 3, hasAlpha: false });
  });

  it("are drawn at 2× up to a 4K screen's pixels, else at 1×, and under 1× only past 64 megapixels", () => {
    expect(pngScale(1920, 1080)).toBe(2);
    expect(pngScale(1080, 1920)).toBe(2);
    // Not 1.46, which would fill a 4K screen: a whole scale keeps one-pixel lines on the pixels.
    expect(pngScale(1938, 1991)).toBe(1);
    expect(pngScale(1921, 1080)).toBe(1);
    expect(pngScale(3840, 2160)).toBe(1);
    expect(pngScale(5000, 6000)).toBe(1);
    expect(pngScale(8000, 8000)).toBe(1);
    expect(pngScale(8001, 8000)).toBe(0.99);
    expect(pngScale(10_000, 10_000)).toBe(0.8);
  });

  // A diagram larger than a 4K screen at scale 2 is drawn at scale 1, as large as its SVG.
  it("draw a diagram larger than a 4K screen at 2× at 1×, in RGB", async () => {
    const plan = syntheticPlan(30);
    const { scene } = await drawPlan(plan);
    expect(scene.width * scene.height * PNG_SCALE * PNG_SCALE).toBeGreaterThan(PNG_SCREEN_BUDGET);
    expect(scene.width * scene.height).toBeLessThan(PNG_SCREEN_BUDGET);
    const metadata = await sharp(fileOf((await renderTopology(plan)).files, ".png")).metadata();
    expect(metadata).toMatchObject({ width: scene.width, height: scene.height, channels: 3, hasAlpha: false });
    // The density (a whole number of pixels per metre, read back as dots per inch) says how large to show it.
    expect(metadata.density).toBe(72);
  });

  it("are drawn whole up to 600 rows, else in bands as many as a multiple of the two pipelines, each at most one libvips tile (2,000 rows) and 6 megapixels, starting on whole PNG pixels", () => {
    expect(bandHeight(1514, 424, 2)).toBe(424);
    expect(bandHeight(1200, 600, 2)).toBe(600);
    // The 1,000-file bench app's rows at 1.46: two bands of 1,000, not 600 + 600 against 600 + 191; at 1, two of 996.
    expect(bandHeight(1938, 1991, 1.46)).toBe(1000);
    expect(bandHeight(1938, 1991, 1)).toBe(996);
    expect(bandHeight(1500, 3001, 2)).toBe(751);
    expect(bandHeight(5000, 2000, 1)).toBe(1000);
    expect(bandHeight(800, 701, 2)).toBe(351);
    expect([1, 2, 1.46, 1.37, 0.8].map(bandStep)).toEqual([1, 1, 50, 100, 5]);
    for (const width of [300, 1500, 4000, 12_000]) {
      for (const height of [601, 1999, 5000, 40_001]) {
        for (const scale of [0.8, 1, 1.37, 1.46, 2]) {
          const band = bandHeight(width, height, scale);
          const bands = Math.ceil(height / band);
          const label = `${String(width)} × ${String(height)} at ${String(scale)}: ${String(bands)} bands of ${String(band)}`;
          expect(band % bandStep(scale), label).toBe(0);
          expect(Math.abs(band * scale - Math.round(band * scale)), label).toBeLessThan(1e-9);
          expect(bands, label).toBeGreaterThanOrEqual(2);
          expect(band * scale, label).toBeLessThanOrEqual(2000);
          if (band > bandStep(scale)) expect(band * width * scale * scale, label).toBeLessThanOrEqual(6_000_000);
          // Where a band may be any whole number of rows, an even number of bands of one height (the last
          // within one row a band of it), unless there are so many that the rows rounded up leave one out.
          if (bandStep(scale) === 1 && bands <= 16) {
            expect(bands % 2, label).toBe(0);
            expect(height - (bands - 1) * band, label).toBeGreaterThanOrEqual(band - bands);
          }
        }
      }
    }
  });

  // A diagram up to 600 rows tall is drawn whole; a taller one band by band, each band
  // encoded apart and the PNGs stacked. Both must give the same pixels, and the same bytes run after run.
  it("give the same PNG pixels drawn whole or in bands, for scenes shorter and taller than one band", async () => {
    // The last is drawn at 1× (larger than a 4K screen at 2×), the others at 2×.
    const plans = { "storage/esm-two-units": fixturePlan("storage/esm-two-units"), "express/seed-two-units": fixturePlan("express/seed-two-units"), "10 resources": syntheticPlan(10), "30 resources": syntheticPlan(30) };
    const scales: number[] = [];
    const heights: number[] = [];
    for (const [name, plan] of Object.entries(plans)) {
      const { scene } = await drawPlan(plan);
      heights.push(scene.height);
      scales.push(pngScale(scene.width, scene.height));
      const whole = await sceneToPng(scene, "t", { bandHeight: Math.ceil(scene.height) });
      const wholePixels = await sharp(whole).raw().toBuffer();
      // The default bands, then smaller ones (multiples of 100: a whole number of PNG pixels at the scale): 2, 3 and more bands.
      for (const bandHeight of [undefined, 100, 250]) {
        const label = `${name} in bands of ${String(bandHeight ?? "the default")}`;
        const png = await sceneToPng(scene, "t", { bandHeight });
        expect((await sharp(png).raw().toBuffer()).equals(wholePixels), label).toBe(true);
        expect(Buffer.from(await sceneToPng(scene, "t", { bandHeight })).equals(Buffer.from(png)), label).toBe(true);
        expect((await sharp(png).metadata()).density, label).toBe(72 * pngScale(scene.width, scene.height));
      }
    }
    expect(scales).toEqual([2, 2, 2, 1]);
    expect(Math.min(...heights)).toBeLessThan(600);
    expect(Math.max(...heights)).toBeGreaterThan(600);
  });

  it("record the density in a pHYs chunk, rewriting libvips' or adding one after the header where there is none", async () => {
    const png = await sharp({ create: { width: 4, height: 2, channels: 4, background: "#ffffff" } }).png().toBuffer();
    const chunks = (bytes: Buffer): string[] => (pngChunks(bytes) ?? []).map((chunk) => chunk.type);
    const at = png.indexOf("pHYs") - 4;
    const without = Buffer.concat([png.subarray(0, at), png.subarray(at + 12 + png.readUInt32BE(at))]);
    expect(chunks(without)).not.toContain("pHYs");
    const rewritten = withChunks(Buffer.from(png), [densityChunk(144)]);
    const added = withChunks(without, [densityChunk(144)]);
    expect(added.equals(rewritten)).toBe(true);
    expect(chunks(added).slice(0, 2)).toEqual(["IHDR", "pHYs"]);
    expect((await sharp(added).metadata()).density).toBe(144);
  });

  it("render a plan of 200 resources, naming each in the SVG, the PNG scaled down only as far as the pixel budget needs", async () => {
    const plan = syntheticPlan(200);
    const { scene } = await drawPlan(plan);
    const { files } = await renderTopology(plan);
    const svg = fileOf(files, ".svg");
    for (const resource of plan.resources) expect(svg).toContain(`data-node="${resource.id}"`);
    for (const edge of plan.edges) expect(svg).toContain(`data-edge="${edge.source} -> ${edge.target}"`);
    const png = fileOf(files, ".png");
    const metadata = await sharp(png).metadata();
    const scale = pngScale(scene.width, scene.height);
    expect(metadata.width).toBeCloseTo(scene.width * scale, -1);
    expect(metadata.height).toBeCloseTo(scene.height * scale, -1);
  }, 120_000);
});

describe("a recompile's PNG", () => {
  const plan = fixturePlan("storage/esm-two-units");
  const pngOf = (output: { files: readonly { path: string; contents: string | Uint8Array }[] }): Buffer => Buffer.from(fileOf(output.files, ".png"));
  const svgOf = (output: { files: readonly { path: string; contents: string | Uint8Array }[] }): string => String(fileOf(output.files, ".svg"));

  /** The same picture as `png` in other bytes (another compression level), with `png`'s renderer recorded: only a kept PNG can be these bytes. */
  async function sameDrawingOtherBytes(png: Buffer, renderer = pngRenderer()): Promise<Buffer> {
    const recoded = await sharp(png).png({ compressionLevel: 9, palette: false }).toBuffer();
    expect(recoded.equals(png)).toBe(false);
    return withChunks(recoded, [{ type: "tEXt", data: textChunk("Software", renderer) }]);
  }

  it("records what drew it: klotho's PNG format and the librsvg and libvips versions", async () => {
    const png = pngOf(await renderTopology(plan));
    expect(pngText(png, "Software")).toBe(`klotho diagram PNG 7 (librsvg ${String(sharp.versions.rsvg)}, libvips ${sharp.versions.vips})`);
    expect(isPngOf(png, pngRenderer())).toBe(true);
  });

  it("is the output folder's PNG when the SVG comes out the same and this renderer drew it", async () => {
    const first = await renderTopology(plan);
    const kept = await sameDrawingOtherBytes(pngOf(first));
    const second = await renderTopology(plan, { svg: svgOf(first), png: kept });
    expect(pngOf(second).equals(kept)).toBe(true);
    expect(svgOf(second)).toBe(svgOf(first));
  });

  it("is drawn again when the drawing changed, the PNG is damaged or cut short, or another renderer drew it", async () => {
    const first = await renderTopology(plan);
    const fresh = pngOf(first);
    const kept = await sameDrawingOtherBytes(fresh);
    const flipped = Buffer.from(kept);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 40) ^ 0xff, flipped.length - 40);
    const cases = {
      "another drawing": { svg: svgOf(first).replace("</svg>", "<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\"/></svg>"), png: kept },
      "a byte changed": { svg: svgOf(first), png: flipped },
      "cut short": { svg: svgOf(first), png: kept.subarray(0, kept.length - 12) },
      "another librsvg": { svg: svgOf(first), png: await sameDrawingOtherBytes(fresh, pngRenderer().replace("librsvg ", "librsvg 0.")) },
      "no renderer recorded": { svg: svgOf(first), png: await sharp(fresh).png({ compressionLevel: 9 }).toBuffer() },
    };
    for (const [name, previous] of Object.entries(cases)) expect(pngOf(await renderTopology(plan, previous)).equals(fresh), name).toBe(true);
  });

  it("is checked chunk by chunk: a PNG is whole only with its signature, every CRC right and IEND last", async () => {
    const png = pngOf(await renderTopology(plan));
    expect(pngChunks(png)?.map((chunk) => chunk.type).filter((type) => type !== "IDAT")).toEqual(["IHDR", "tEXt", "pHYs", "IEND"]);
    expect(pngChunks(png.subarray(0, png.length - 12))).toBeUndefined();
    expect(pngChunks(Buffer.concat([png, Buffer.from([0])]))).toBeUndefined();
    expect(pngChunks(Buffer.from("GIF89a"))).toBeUndefined();
    const badCrc = Buffer.from(png);
    badCrc.writeUInt8(badCrc.readUInt8(20) ^ 1, 20);
    expect(pngChunks(badCrc)).toBeUndefined();
    expect(pngText(badCrc, "Software")).toBeUndefined();
  });
});

describe("a recompile's diagram, keyed by the code that draws it", () => {
  const plan = fixturePlan("express/seed-two-units");
  const CODE = "build-1";
  type Output = Awaited<ReturnType<typeof renderTopology>>;
  const pngOf = (output: Output): Buffer => Buffer.from(fileOf(output.files, ".png"));
  const svgOf = (output: Output): string => String(fileOf(output.files, ".svg"));
  const previousOf = (output: Output): { svg: string; png: Buffer } => ({ svg: svgOf(output), png: pngOf(output) });
  /** Every file of two outputs, byte for byte. */
  const expectSameFiles = (actual: Output, expected: Output): void => {
    expect(actual.files.map((f) => f.path)).toEqual(expected.files.map((f) => f.path));
    for (const [i, file] of expected.files.entries()) expect(Buffer.from(actual.files[i]!.contents).equals(Buffer.from(file.contents)), file.path).toBe(true);
  };
  const gateway = plan.resources.find((r) => r.kind === "gateway");
  if (!gateway?.routes?.length) throw new Error("the fixture has no gateway routes");

  it("records in the PNG the drawing's key and the SVG drawn with it, and nothing when no build names the code", async () => {
    const keyed = await renderTopology(plan, undefined, CODE);
    expect(pngText(pngOf(keyed), "klotho drawing")).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}$/);
    const texts = (pngChunks(pngOf(keyed)) ?? []).filter((chunk) => chunk.type === "tEXt").map((chunk) => chunk.data.toString("latin1").split("\0")[0]);
    expect(texts).toEqual(["Software", "klotho drawing"]);
    const unkeyed = await renderTopology(plan, undefined, undefined);
    expect(pngText(pngOf(unkeyed), "klotho drawing")).toBeUndefined();
    expect(svgOf(unkeyed)).toBe(svgOf(keyed));
    // Another build records another key for the same drawing.
    expect(pngText(pngOf(await renderTopology(plan, undefined, "build-2")), "klotho drawing")).not.toBe(pngText(pngOf(keyed), "klotho drawing"));
  });

  it("keeps the output folder's SVG and PNG whole, laying nothing out, when this build drew them from the same topology", async () => {
    const cold = await renderTopology(plan, undefined, CODE);
    const again = await renderTopology(plan, previousOf(cold), CODE);
    expectSameFiles(again, cold);
    expect(Object.keys(again.timings)).toEqual(["diagram_kept"]);
    // Nothing is drawn: an SVG the PNG records is trusted as it is, even one no layout would give.
    const planted = svgOf(cold).replace("</svg>", "<!-- planted -->\n</svg>");
    const record = pngText(pngOf(cold), "klotho drawing")?.split(" ")[0] ?? "";
    const { createHash } = await import("node:crypto");
    const recorded = withChunks(pngOf(cold), [{ type: "tEXt", data: textChunk("klotho drawing", `${record} ${createHash("sha256").update(planted).digest("hex")}`) }]);
    expect(svgOf(await renderTopology(plan, { svg: planted, png: recorded }, CODE))).toBe(planted);
  });

  it("keeps it whole when only where the routes are declared changed: their lines are no part of the drawing", async () => {
    const cold = await renderTopology(plan, undefined, CODE);
    const moved = { ...plan, resources: plan.resources.map((r) => (r.routes ? { ...r, routes: r.routes.map((route) => ({ ...route, file: "elsewhere.js", line: (route.line ?? 0) + 40 })) } : r)) };
    const again = await renderTopology(moved, previousOf(cold), CODE);
    expect(Object.keys(again.timings)).toEqual(["diagram_kept"]);
    expectSameFiles(again, cold);
  });

  it("draws again, giving a cold compile's bytes, for another build, another topology, an edited SVG or PNG, or another renderer", async () => {
    const cold = await renderTopology(plan, undefined, CODE);
    const otherBuild = await renderTopology(plan, previousOf(cold), "build-2");
    // Another build's drawing of the same SVG keeps the pixels and records its own key.
    expect(Object.keys(otherBuild.timings)).toEqual(["diagram_layout", "diagram_png"]);
    expectSameFiles(otherBuild, await renderTopology(plan, undefined, "build-2"));
    // From the sources (no build named), a keyed PNG is drawn again rather than left recording a key.
    expectSameFiles(await renderTopology(plan, previousOf(cold), undefined), await renderTopology(plan, undefined, undefined));

    const renamed = { ...plan, resources: plan.resources.map((r) => (r.id === gateway.id ? { ...r, routes: [...(r.routes ?? []), { method: "GET" as const, path: "/added", unit: gateway.routes?.[0]?.unit ?? "" }] } : r)) };
    const changed = await renderTopology(renamed, previousOf(cold), CODE);
    expect(Object.keys(changed.timings)).toEqual(["diagram_layout", "diagram_png"]);
    expectSameFiles(changed, await renderTopology(renamed, undefined, CODE));

    const edited = { svg: svgOf(cold).replace("</svg>", "<!-- edited -->\n</svg>"), png: pngOf(cold) };
    expectSameFiles(await renderTopology(plan, edited, CODE), cold);
    const flipped = pngOf(cold);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 40) ^ 0xff, flipped.length - 40);
    expectSameFiles(await renderTopology(plan, { svg: svgOf(cold), png: flipped }, CODE), cold);
    const otherRenderer = withChunks(pngOf(cold), [{ type: "tEXt", data: textChunk("Software", pngRenderer().replace("librsvg ", "librsvg 0.")) }]);
    expectSameFiles(await renderTopology(plan, { svg: svgOf(cold), png: otherRenderer }, CODE), cold);
  });
});
