import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { fonts } from "../../src/diagram/style.js";
import { FONT_FAMILY, fitText, measureText, type Font } from "../../src/diagram/text.js";

const SAMPLES = [
  "API Gateway",
  "Secrets Manager",
  "persist_redis_cluster:sessions-cache",
  "ffffffffff",
  "WWWWWWWW",
  "DELETE /orders/:id/items/:item",
  "subscribe order.cancelled +1",
  " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
];

/** The right edge of the ink of `text` drawn at x = 10 by sharp (librsvg) at twice the size, in SVG pixels from x. */
async function inkWidth(text: string, font: Font): Promise<number> {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="40"><rect width="1400" height="40" fill="#fff"/><text x="10" y="28" font-family="${FONT_FAMILY}" font-size="${font.size}"${font.bold ? ' font-weight="bold"' : ""}>${escaped}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg), { density: 144 }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let right = -1;
  for (let y = 0; y < info.height; y++) for (let x = right + 1; x < info.width; x++) if ((data[y * info.width + x] ?? 255) < 250) right = x;
  return (right + 1) / 2 - 10;
}

describe("the text measurer", () => {
  it.each(Object.entries(fonts))("never measures less than DejaVu Sans draws (%s)", async (_role, font) => {
    for (const text of SAMPLES) expect(measureText(text, font), text).toBeGreaterThanOrEqual(await inkWidth(text, font));
  });

  it("is close to what is drawn, so boxes are not padded for nothing", async () => {
    const text = "persist_kv:dogs GET /pugs/:name";
    expect(measureText(text, fonts.name) - (await inkWidth(text, fonts.name))).toBeLessThan(fonts.name.size * 0.5);
  });

  it("counts characters missing from the table as one em", () => {
    expect(measureText("\u4e2d", { size: 10 })).toBeCloseTo(11);
    expect(measureText("", { size: 10 })).toBe(0);
  });
});

describe("fitting text", () => {
  it("keeps text that fits as it is", () => {
    expect(fitText("pugs", fonts.name, 100)).toBe("pugs");
  });

  it("cuts text that does not fit and ends it with an ellipsis", () => {
    const long = "a-very-long-resource-name-that-goes-on-and-on";
    const fitted = fitText(long, fonts.name, 120);
    expect(fitted.endsWith("\u2026")).toBe(true);
    expect(long.startsWith(fitted.slice(0, -1))).toBe(true);
    expect(measureText(fitted, fonts.name)).toBeLessThanOrEqual(120);
    expect(measureText(fitText(long, fonts.name, 121 + 20), fonts.name)).toBeGreaterThan(measureText(fitted, fonts.name));
  });

  it("gives up to nothing when not even the ellipsis fits", () => {
    expect(fitText("pugs", fonts.name, 3)).toBe("");
  });
});
