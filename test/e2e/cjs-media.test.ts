// A CommonJS Express app (test/fixtures/runtime/cjs-media) compiled by the real CLI into one Lambda
// unit: binary responses and request bodies travel base64-encoded both ways, cookies and multi-value
// headers and query strings reach the app and come back in the shape each API Gateway payload uses,
// and the listen callback still runs (the app sees itself listening on the port it asked for).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { bytesOf, compileProject, fixture, jsonOf, v1Result, v2Result, type CompiledProject } from "./support.js";

let project: CompiledProject;

beforeAll(async () => {
  project = await compileProject(fixture("runtime", "cjs-media"), "media");
}, 60_000);

afterAll(() => {
  project.remove();
});

const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
/** Bytes that are not UTF-8, so only base64 can carry them. */
const UPLOAD = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x7f, 0x10, 0xc3, 0x28, 0x42]);

describe("the compiled CommonJS media app", () => {
  it("sends binary responses base64-encoded, byte for byte", async () => {
    const handler = project.handler("main");
    for (const result of [v1Result(await handler(v1Event({ path: "/media/pixel.png" }))), v2Result(await handler(v2Event({ path: "/media/pixel.png" })))]) {
      expect(result.statusCode).toBe(200);
      expect(result.headers["content-type"]).toBe("image/png");
      expect(bytesOf(result)).toEqual(PIXEL);
    }
  });

  it("decodes base64 request bodies and encodes the binary answer", async () => {
    const handler = project.handler("main");
    const headers = { "Content-Type": ["application/octet-stream"] };
    const v1 = v1Result(await handler(v1Event({ method: "POST", path: "/media/reverse", headers, body: UPLOAD })));
    const v2 = v2Result(await handler(v2Event({ method: "POST", path: "/media/reverse", headers, body: UPLOAD })));
    for (const result of [v1, v2]) {
      expect(result.headers["x-body-sha256"]).toBe(createHash("sha256").update(UPLOAD).digest("hex"));
      expect(bytesOf(result)).toEqual(Buffer.from(UPLOAD).reverse());
    }
  });

  it("reads a UTF-8 text body that API Gateway sent base64-encoded", async () => {
    // 17 characters in 20 UTF-8 bytes: a body decoded byte by byte (or not at all) counts differently.
    const caption = "pugs über alles ✓";
    const result = v2Result(
      await project.handler("main")(v2Event({ method: "POST", path: "/media/captions", headers: { "Content-Type": ["text/plain; charset=utf-8"] }, body: Buffer.from(caption) })),
    );
    expect(result.statusCode).toBe(201);
    expect(jsonOf(result)).toEqual({ characters: 17, shout: "PUGS ÜBER ALLES ✓" });
  });

  it("passes multi-value query strings and percent-encoded values", async () => {
    const query: [string, string][] = [["tag", "pug"], ["tag", "fawn"], ["q", "small dogs & co"]];
    const expected = { query: { tag: ["pug", "fawn"], q: "small dogs & co" }, url: "/search?tag=pug&tag=fawn&q=small+dogs+%26+co" };
    const handler = project.handler("main");
    expect(jsonOf(v1Result(await handler(v1Event({ path: "/search", query }))))).toEqual(expected);
    expect(jsonOf(v2Result(await handler(v2Event({ path: "/search", query }))))).toEqual(expected);
  });

  it("joins multi-value request headers and returns repeated response headers in each payload's shape", async () => {
    const handler = project.handler("main");
    const headers = { "X-Tag": ["pug", "fawn"], "Accept-Language": ["nl-BE"] };
    const v1 = v1Result(await handler(v1Event({ path: "/headers", headers })));
    expect(jsonOf(v1)).toEqual({ tags: "pug, fawn", language: "nl-BE" });
    expect(v1.multiValueHeaders["x-served-by"]).toEqual(["edge-1", "edge-2"]);
    const v2 = v2Result(await handler(v2Event({ path: "/headers", headers })));
    expect(jsonOf(v2)).toEqual({ tags: "pug,fawn", language: "nl-BE" });
    expect(v2.headers["x-served-by"]).toBe("edge-1, edge-2");
  });

  it("reads request cookies and sets several cookies", async () => {
    const handler = project.handler("main");
    const v2 = v2Result(await handler(v2Event({ path: "/session", cookies: ["visits=2", "theme=dark"] })));
    expect(jsonOf(v2)).toEqual({ cookies: { visits: "2", theme: "dark" } });
    expect(v2.cookies).toEqual(["visits=3; Path=/; HttpOnly", "theme=dark; Path=/"]);
    expect(v2.headers["set-cookie"]).toBeUndefined();
    const v1 = v1Result(await handler(v1Event({ path: "/session", cookies: ["visits=7"] })));
    expect(jsonOf(v1)).toEqual({ cookies: { visits: "7" } });
    expect(v1.multiValueHeaders["set-cookie"]).toEqual(["visits=8; Path=/; HttpOnly", "theme=light; Path=/"]);
  });

  it("runs the listen callback and reports the port the app asked for", async () => {
    expect(jsonOf(v1Result(await project.handler("main")(v1Event({ path: "/status" }))))).toEqual({ state: "listening", port: 3000 });
  });

  it("answers unknown routes with Express's own 404", async () => {
    const missing = v2Result(await project.handler("main")(v2Event({ method: "PUT", path: "/media/pixel.png" })));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("Cannot PUT /media/pixel.png");
  });
});
