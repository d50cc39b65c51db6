// @ts-check
"use strict";
/**
 * API Gateway proxy events ↔ HTTP requests and responses: REST APIs (payload v1) and HTTP APIs
 * (payload v2, and v1.0 for HTTP APIs configured with it).
 */
const { isUtf8 } = require("node:buffer");

/** @import { BridgeRequest, BridgeResponse } from "./http-bridge.js" */

/**
 * @typedef {object} V1Event API Gateway REST proxy event (and HTTP API payload format 1.0)
 * @property {string} httpMethod
 * @property {string} path the path, without the stage for REST APIs
 * @property {string} [version] "1.0" for HTTP APIs; absent for REST APIs
 * @property {Record<string, string | undefined> | null} [headers]
 * @property {Record<string, string[] | undefined> | null} [multiValueHeaders]
 * @property {Record<string, string | undefined> | null} [queryStringParameters] decoded values
 * @property {Record<string, string[] | undefined> | null} [multiValueQueryStringParameters] decoded values
 * @property {string | null} [body]
 * @property {boolean} [isBase64Encoded]
 * @property {{ stage?: string, domainName?: string, path?: string, identity?: { sourceIp?: string } }} [requestContext]
 *   `path` is the path the client asked for: for REST APIs with the stage (`/api/x`), or a custom domain's base path
 */

/**
 * @typedef {object} V2Event API Gateway HTTP API proxy event, payload format 2.0
 * @property {"2.0"} version
 * @property {string} rawPath
 * @property {string} [rawQueryString] as the client sent it
 * @property {Record<string, string | undefined>} [headers] repeated headers joined with commas
 * @property {string[]} [cookies]
 * @property {string} [body]
 * @property {boolean} [isBase64Encoded]
 * @property {{ http: { method: string, sourceIp?: string }, stage?: string, domainName?: string }} requestContext
 */

/**
 * @typedef {object} V1Result
 * @property {number} statusCode
 * @property {Record<string, string>} headers the headers that have one value
 * @property {Record<string, string[]>} multiValueHeaders every header
 * @property {string} body
 * @property {boolean} isBase64Encoded
 */

/**
 * @typedef {object} V2Result
 * @property {number} statusCode
 * @property {Record<string, string>} headers repeated headers joined with ", " (except set-cookie)
 * @property {string[]} [cookies] one entry per set-cookie header
 * @property {string} body
 * @property {boolean} isBase64Encoded
 */

/** Hop-by-hop headers of the in-memory connection; API Gateway sets its own. */
const CONNECTION_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding"]);

/**
 * @param {V1Event} event
 * @returns {BridgeRequest}
 */
function requestFromV1(event) {
  /** @type {Record<string, string[]>} */
  const headers = {};
  const multi = event.multiValueHeaders ?? {};
  const single = event.headers ?? {};
  for (const [name, values] of Object.entries(multi)) if (values) headers[name.toLowerCase()] = [...values];
  for (const [name, value] of Object.entries(single)) if (value !== undefined) headers[name.toLowerCase()] ??= [value];
  const query = new URLSearchParams();
  const multiQuery = event.multiValueQueryStringParameters;
  if (multiQuery) {
    for (const [name, values] of Object.entries(multiQuery)) for (const value of values ?? []) query.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) if (value !== undefined) query.append(name, value);
  }
  // REST APIs send the path without the stage and still percent-encoded; HTTP APIs (payload 1.0) include a named stage and decode it.
  const httpApi = event.version === "1.0";
  const path = httpApi ? withoutStage(event.path, event.requestContext?.stage) : event.path;
  const search = query.toString();
  return finishRequest({
    method: event.httpMethod,
    url: encodePath(path, httpApi) + (search ? `?${search}` : ""),
    headers,
    body: decodeBody(event.body, event.isBase64Encoded),
    remoteAddress: event.requestContext?.identity?.sourceIp ?? "127.0.0.1",
  }, event.requestContext?.domainName);
}

/**
 * @param {V2Event} event
 * @returns {BridgeRequest}
 */
function requestFromV2(event) {
  /** @type {Record<string, string[]>} */
  const headers = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = [value];
  if (event.cookies && event.cookies.length > 0) headers["cookie"] = [event.cookies.join("; ")];
  const path = withoutStage(event.rawPath, event.requestContext.stage);
  return finishRequest({
    method: event.requestContext.http.method,
    url: encodePath(path, true) + (event.rawQueryString ? `?${event.rawQueryString}` : ""),
    headers,
    body: decodeBody(event.body, event.isBase64Encoded),
    remoteAddress: event.requestContext.http.sourceIp ?? "127.0.0.1",
  }, event.requestContext.domainName);
}

/**
 * Sets the framing headers for the decoded body (API Gateway's content-length may describe base64).
 * @param {BridgeRequest} request
 * @param {string | undefined} domainName
 * @returns {BridgeRequest}
 */
function finishRequest(request, domainName) {
  const { headers } = request;
  delete headers["transfer-encoding"];
  if (request.body.length > 0 || headers["content-length"]) headers["content-length"] = [String(request.body.length)];
  headers["host"] ??= [domainName ?? "localhost"];
  return request;
}

/**
 * The v1 result of `response`; a root-relative `Location` gets the prefix the client's path has
 * before the app's (`pathPrefix`), so `res.redirect("/dashboard")` sends the browser to `/api/dashboard`.
 * @param {BridgeResponse} response
 * @param {V1Event} [event] the event answered
 * @returns {V1Result}
 */
function resultForV1(response, event) {
  const prefix = event === undefined ? "" : pathPrefix(event);
  /** @type {Record<string, string[]>} */
  const multiValueHeaders = {};
  for (const [name, value] of responseHeaders(response)) {
    const rewritten = name === "location" && prefix !== "" && isRootRelative(value) ? prefix + value : value;
    (multiValueHeaders[name] ??= []).push(rewritten);
  }
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, values] of Object.entries(multiValueHeaders)) if (values.length === 1 && values[0] !== undefined) headers[name] = values[0];
  return { statusCode: response.statusCode, headers, multiValueHeaders, ...encodeBody(response, multiValueHeaders) };
}

/**
 * What the client's path has before the path the app sees: a REST API's stage (`/api` of
 * `/api/dashboard`, the app seeing `/dashboard`) or a custom domain's base path, read from
 * `requestContext.path` when it ends with the event's path; "" when there is none (HTTP APIs,
 * whose payload 1.0 path keeps the stage, a custom domain without a base path).
 * @param {V1Event} event
 * @returns {string}
 */
function pathPrefix(event) {
  const full = event.requestContext?.path;
  if (typeof full !== "string" || !full.startsWith("/") || full === event.path) return "";
  if (event.path === "/") return full.endsWith("/") ? full.slice(0, -1) : full;
  return full.endsWith(event.path) ? full.slice(0, -event.path.length) : "";
}

/**
 * A URL of this host's root (`/x`), not a relative (`x`), protocol-relative (`//host/x`) or absolute one.
 * @param {string} location
 * @returns {boolean}
 */
function isRootRelative(location) {
  return location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
}

/**
 * @param {BridgeResponse} response
 * @returns {V2Result}
 */
function resultForV2(response) {
  /** @type {Record<string, string[]>} */
  const grouped = {};
  /** @type {string[]} */
  const cookies = [];
  for (const [name, value] of responseHeaders(response)) {
    if (name === "set-cookie") cookies.push(value);
    else (grouped[name] ??= []).push(value);
  }
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, values] of Object.entries(grouped)) headers[name] = values.join(", ");
  return {
    statusCode: response.statusCode,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
    ...encodeBody(response, grouped),
  };
}

/**
 * The response's headers as lower-case [name, value] pairs, without connection headers.
 * @param {BridgeResponse} response
 * @returns {Array<[string, string]>}
 */
function responseHeaders(response) {
  /** @type {Array<[string, string]>} */
  const pairs = [];
  const raw = response.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = String(raw[index]).toLowerCase();
    if (!CONNECTION_HEADERS.has(name)) pairs.push([name, String(raw[index + 1])]);
  }
  return pairs;
}

/**
 * Text bodies go out as they are; binary ones (non-text content types, compressed bodies, text in a
 * charset whose bytes are not UTF-8) as base64.
 * @param {BridgeResponse} response
 * @param {Record<string, string[]>} headers lower-case names
 * @returns {{ body: string, isBase64Encoded: boolean }}
 */
function encodeBody(response, headers) {
  const binary = isBinary(headers["content-type"]?.[0], headers["content-encoding"]?.[0], response.body);
  return binary
    ? { body: response.body.toString("base64"), isBase64Encoded: true }
    : { body: response.body.toString("utf8"), isBase64Encoded: false };
}

/**
 * Whether the body must go out as base64: a compressed body, a content type that is not text, or
 * bytes that are not UTF-8 (a text body in another charset, `text/plain; charset=latin1`, or one
 * without a content type), which a UTF-8 string would corrupt.
 * @param {string | undefined} contentType
 * @param {string | undefined} contentEncoding
 * @param {Buffer} body
 * @returns {boolean}
 */
function isBinary(contentType, contentEncoding, body) {
  if (contentEncoding && contentEncoding.toLowerCase() !== "identity") return true;
  const type = (contentType?.split(";")[0] ?? "").trim().toLowerCase();
  const text =
    type === "" ||
    type.startsWith("text/") ||
    /[/+](json|xml)$/.test(type) ||
    ["application/javascript", "application/x-www-form-urlencoded", "application/graphql", "application/x-ndjson"].includes(type);
  return !text || !isUtf8(body);
}

/**
 * @param {string | null | undefined} body
 * @param {boolean | undefined} isBase64Encoded
 * @returns {Buffer}
 */
function decodeBody(body, isBase64Encoded) {
  if (body === null || body === undefined) return Buffer.alloc(0);
  return Buffer.from(body, isBase64Encoded ? "base64" : "utf8");
}

/**
 * Removes a leading `/<stage>` when the path carries it (named stages of HTTP APIs).
 * @param {string} path
 * @param {string | undefined} stage
 * @returns {string}
 */
function withoutStage(path, stage) {
  if (!stage || stage === "$default") return path;
  const prefix = `/${stage}`;
  if (path === prefix) return "/";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

/**
 * Percent-encodes the characters a request target may not contain. A REST API's path is still encoded
 * (`/a%20b`), so its escapes are kept; an HTTP API decodes the path before it is sent (`/a b`, and
 * `/100%` for `/100%25`), so there a `%` is a character of its own and is encoded too.
 * @param {string} path
 * @param {boolean} [decoded] whether the path comes decoded (an HTTP API's)
 * @returns {string}
 */
function encodePath(path, decoded = false) {
  const target = path.startsWith("/") ? path : `/${path}`;
  const unsafe = decoded ? /[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu : /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;
  return target.replace(unsafe, (char) => encodeURIComponent(char));
}

module.exports = { requestFromV1, requestFromV2, resultForV1, resultForV2, isBinary };
