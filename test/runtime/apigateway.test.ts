// API Gateway events → requests and responses → results, at the edges the dispatcher tests do not reach.
import { describe, expect, it } from "vitest";
import { requireRuntime } from "./runtime-modules.js";

const { requestFromV1, requestFromV2, resultForV1, isBinary } = requireRuntime("apigateway.js");

describe("response bodies", () => {
  it.each<[string | undefined, string | undefined, boolean]>([
    ["text/html; charset=utf-8", undefined, false],
    ["application/json", undefined, false],
    ["application/problem+json", undefined, false],
    ["application/atom+xml", undefined, false],
    ["image/svg+xml", undefined, false],
    ["application/javascript", undefined, false],
    ["image/png", undefined, true],
    ["application/octet-stream", undefined, true],
    ["application/pdf", undefined, true],
    ["text/plain", "gzip", true],
    ["text/plain", "identity", false],
  ])("content-type %s with content-encoding %s is binary: %s", (type, encoding, binary) => {
    expect(isBinary(type, encoding, Buffer.from("x"))).toBe(binary);
  });

  it("sends text whose bytes are not UTF-8 (another charset) as base64, which a UTF-8 string would corrupt", () => {
    const latin1 = Buffer.from("café", "latin1");
    expect(isBinary("text/plain; charset=iso-8859-1", undefined, latin1)).toBe(true);
    expect(isBinary("text/html; charset=windows-1252", undefined, Buffer.from("<p>caf\u00e9</p>", "latin1"))).toBe(true);
    expect(isBinary("text/plain; charset=iso-8859-1", undefined, Buffer.from("plain ascii", "latin1"))).toBe(false);
    expect(isBinary("application/json", undefined, Buffer.from('{"a":"é"}'))).toBe(false);
    const result = resultForV1({ statusCode: 200, rawHeaders: ["Content-Type", "text/plain; charset=iso-8859-1"], body: latin1 });
    expect(result).toMatchObject({ isBase64Encoded: true, body: latin1.toString("base64") });
  });

  it("decides by the bytes when there is no content type", () => {
    expect(isBinary(undefined, undefined, Buffer.from("plain ✓"))).toBe(false);
    expect(isBinary(undefined, undefined, Buffer.from([0xff, 0xfe, 0x00]))).toBe(true);
  });

  it("keeps single-valued headers in headers and every header in multiValueHeaders (v1)", () => {
    const result = resultForV1({ statusCode: 302, rawHeaders: ["Location", "/x", "Vary", "a", "Vary", "b", "Connection", "close"], body: Buffer.alloc(0) });
    expect(result).toEqual({
      statusCode: 302,
      headers: { location: "/x" },
      multiValueHeaders: { location: ["/x"], vary: ["a", "b"] },
      body: "",
      isBase64Encoded: false,
    });
  });
});

describe("redirects of REST APIs (v1)", () => {
  const redirect = (location: string) => ({ statusCode: 302, rawHeaders: ["Location", location], body: Buffer.alloc(0) });
  const event = (path: string, clientPath: string | undefined, version?: "1.0") => ({
    httpMethod: "GET",
    path,
    ...(version ? { version } : {}),
    requestContext: { stage: "api", ...(clientPath === undefined ? {} : { path: clientPath }) },
  });

  it.each<[string, string, string | undefined, string, string]>([
    ["the stage", "/login", "/api/login", "/dashboard", "/api/dashboard"],
    ["the stage, with a query and fragment", "/login", "/api/login", "/dashboard?tab=1#top", "/api/dashboard?tab=1#top"],
    ["the stage, from the root resource", "/", "/api/", "/dashboard", "/api/dashboard"],
    ["the stage, from the root path without its slash", "/", "/api", "/", "/api/"],
    ["a custom domain's base path", "/login", "/v1/shop/login", "/dashboard", "/v1/shop/dashboard"],
    ["nothing: a custom domain without a base path", "/login", "/login", "/dashboard", "/dashboard"],
    ["nothing: no requestContext.path", "/login", undefined, "/dashboard", "/dashboard"],
    ["nothing: a path that does not end with the app's", "/login", "/api/other", "/dashboard", "/dashboard"],
    ["nothing: a relative location", "/a/login", "/api/a/login", "dashboard", "dashboard"],
    ["nothing: an absolute location", "/login", "/api/login", "https://id.example.com/authorize", "https://id.example.com/authorize"],
    ["nothing: a protocol-relative location", "/login", "/api/login", "//id.example.com/x", "//id.example.com/x"],
  ])("a root-relative Location gets %s", (_what, path, clientPath, location, expected) => {
    const result = resultForV1(redirect(location), event(path, clientPath));
    expect(result.headers["location"]).toBe(expected);
    expect(result.multiValueHeaders["location"]).toEqual([expected]);
  });

  it("leaves an HTTP API's payload 1.0 alone: its path keeps the stage, as requestContext.path does", () => {
    const result = resultForV1(redirect("/dashboard"), event("/prod/login", "/prod/login", "1.0"));
    expect(result.headers["location"]).toBe("/dashboard");
  });

  it("rewrites only Location, not other headers or the body", () => {
    const response = { statusCode: 200, rawHeaders: ["Content-Location", "/x", "Link", "</style.css>; rel=preload", "Content-Type", "text/html"], body: Buffer.from('<a href="/x">x</a>') };
    const result = resultForV1(response, event("/page", "/api/page"));
    expect(result.headers).toEqual({ "content-location": "/x", link: "</style.css>; rel=preload", "content-type": "text/html" });
    expect(result.body).toBe('<a href="/x">x</a>');
  });
});

describe("requests", () => {
  it("reads single-value v1 headers and query strings when the multi-value ones are absent", () => {
    const request = requestFromV1({
      httpMethod: "POST",
      path: "/a",
      headers: { "Content-Type": "text/plain", "Content-Length": "8" },
      queryStringParameters: { q: "x y" },
      body: "aGVsbG8=",
      isBase64Encoded: true,
    });
    expect(request).toEqual({
      method: "POST",
      url: "/a?q=x+y",
      headers: { "content-type": ["text/plain"], "content-length": ["5"], host: ["localhost"] },
      body: Buffer.from("hello"),
      remoteAddress: "127.0.0.1",
    });
  });

  it.each([
    ["an HTTP API's (payload 2.0) decoded path", () => requestFromV2({ version: "2.0", rawPath: "/files/100% done/a+b", requestContext: { http: { method: "GET" } } }), "/files/100%25%20done/a+b"],
    ["an HTTP API's (payload 1.0) decoded path, without its stage", () => requestFromV1({ version: "1.0", httpMethod: "GET", path: "/dev/files/100%", requestContext: { stage: "dev" } }), "/files/100%25"],
    ["a REST API's path, still encoded", () => requestFromV1({ httpMethod: "GET", path: "/files/100%25%20done", requestContext: { stage: "api" } }), "/files/100%25%20done"],
  ])("percent-encodes %s once", (_what, request, url) => {
    expect(request().url).toBe(url);
  });

  it("keeps a v2 raw query string as the client sent it", () => {
    const request = requestFromV2({ version: "2.0", rawPath: "/s", rawQueryString: "a=%20b&c", requestContext: { http: { method: "GET" } } });
    expect(request.url).toBe("/s?a=%20b&c");
    expect(request.body).toEqual(Buffer.alloc(0));
    expect(request.headers["content-length"]).toBeUndefined();
  });
});
