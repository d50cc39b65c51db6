// @ts-check
"use strict";
/**
 * The Lambda handler of an execution unit (`klotho_runtime/dispatcher.handler`): serves API Gateway
 * proxy events through the user's app, hands SNS records to the unit's emitters (once the unit's app,
 * if it has one, is started) and answers warm-up pings.
 */
const http = require("node:http");
const { requestFromV1, requestFromV2, resultForV1, resultForV2 } = require("./apigateway.js");
const { isFastifyApp, isKoaApp, waitForApp } = require("./app-registry.js");
const { deliver, flushPublishes } = require("./emitter.js");
const { APP_WAIT_ENV } = require("./env-names.js");
const { serveRequest } = require("./http-bridge.js");
const { loadUnit } = require("./load-unit.js");
const { isRecord, readUnitConfig } = require("./unit-config.js");

/** @typedef {import("./unit-config.js").UnitConfig} UnitConfig */
/** @typedef {import("./app-registry.js").RegisteredApp} RegisteredApp */
/** @typedef {import("./apigateway.js").V1Event} V1Event */
/** @typedef {import("./apigateway.js").V2Event} V2Event */
/** @typedef {import("./emitter.js").SnsRecord} SnsRecord */
/**
 * @typedef {{ kind: "warmup" } | { kind: "sns", records: SnsRecord[] }
 *   | { kind: "http-v1", event: V1Event } | { kind: "http-v2", event: V2Event }} ClassifiedEvent
 */

const NOT_A_GATEWAY_UNIT = "execution unit not configured to receive webserver payloads";
const DEFAULT_APP_WAIT_MS = 10_000;

/** @type {WeakMap<object, Promise<http.Server>>} */
const servers = new WeakMap();

/**
 * The Lambda handler: answers a warm-up ping, delivers SNS records, or serves an HTTP request.
 * @param {unknown} event
 * @param {unknown} _context the Lambda context (unused)
 */
async function handler(event, _context) {
  const classified = classifyEvent(event);
  if (classified.kind === "warmup") return { klotho: "warmup" };
  const unit = readUnitConfig();
  if (classified.kind === "sns") {
    await loadUnit(unit);
    // Listeners a NestJS provider registers when the app starts (onModuleInit) exist only once it is init()-ed:
    // a cold container whose first event is SNS starts the unit's app before delivering.
    if (unit.gateway || unit.startsApp) await serverFor(await waitForApp(appWaitMs(), unit.entrypoint));
    return deliverRecords(classified.records);
  }
  if (!unit.gateway) throw new Error(NOT_A_GATEWAY_UNIT);
  await loadUnit(unit);
  const server = await serverFor(await waitForApp(appWaitMs(), unit.entrypoint));
  const isV1 = classified.kind === "http-v1";
  const response = await serveRequest(server, isV1 ? requestFromV1(classified.event) : requestFromV2(classified.event));
  await flushPublishes();
  return isV1 ? resultForV1(response, classified.event) : resultForV2(response);
}

/**
 * Hands each record to the emitter runtime, then waits for what the listeners published.
 * @param {SnsRecord[]} records
 * @returns {Promise<{ delivered: number, skipped: number }>}
 */
async function deliverRecords(records) {
  const counts = { delivered: 0, skipped: 0 };
  for (const record of records) counts[await deliver(record)] += 1;
  await flushPublishes();
  return counts;
}

/**
 * What kind of event the handler received; throws for events it cannot handle.
 * @param {unknown} event
 * @returns {ClassifiedEvent}
 */
function classifyEvent(event) {
  if (!isRecord(event)) throw new Error(`klotho dispatcher: expected an event object, got ${event === null ? "null" : typeof event}`);
  if (event["klotho"] === "warmup") return { kind: "warmup" };
  const records = event["Records"];
  if (Array.isArray(records) && records.length > 0 && records.every(isSnsRecord)) return { kind: "sns", records };
  if (isV2Event(event)) return { kind: "http-v2", event };
  if (isV1Event(event)) return { kind: "http-v1", event };
  throw new Error(
    `klotho dispatcher: cannot handle an event with keys [${Object.keys(event).join(", ")}]; ` +
      'expected an API Gateway REST (v1) or HTTP API (v2) proxy event, SNS records or { "klotho": "warmup" }',
  );
}

/**
 * An HTTP API payload 2.0 event: a version, a raw path and the request's method.
 * @param {Record<string, unknown>} event
 * @returns {event is Record<string, unknown> & V2Event}
 */
function isV2Event(event) {
  const context = event["requestContext"];
  return event["version"] === "2.0" && typeof event["rawPath"] === "string" && isRecord(context) && isRecord(context["http"]) &&
    typeof context["http"]["method"] === "string";
}

/**
 * A REST API (or HTTP API payload 1.0) event: a method and a path.
 * @param {Record<string, unknown>} event
 * @returns {event is Record<string, unknown> & V1Event}
 */
function isV1Event(event) {
  return typeof event["httpMethod"] === "string" && typeof event["path"] === "string";
}

/**
 * @param {unknown} record
 * @returns {record is SnsRecord}
 */
function isSnsRecord(record) {
  return isRecord(record) && record["EventSource"] === "aws:sns" && isRecord(record["Sns"]);
}


/**
 * The never-listening http.Server that serves the registered app, made once per container: a Koa
 * app through its `callback()`, a Fastify instance through its `routing` handler once `ready()`, a
 * NestJS app once `init()`-ed.
 * @param {RegisteredApp} app
 * @returns {Promise<http.Server>}
 */
function serverFor(app) {
  let server = servers.get(app);
  if (server === undefined) {
    server = (async () => {
      if (typeof app === "function") return http.createServer(app);
      if (isKoaApp(app)) return http.createServer(app.callback());
      if (isFastifyApp(app)) {
        await app.ready();
        return http.createServer(app.routing);
      }
      if (!("getHttpServer" in app)) return forwardingServer(app);
      await app.init();
      const nestServer = app.getHttpServer();
      if (!(nestServer instanceof http.Server)) throw new TypeError("klotho: the NestJS app's getHttpServer() did not return an http.Server");
      return forwardingServer(nestServer);
    })();
    servers.set(app, server);
  }
  return server;
}

/**
 * A server of our own whose requests go to the user's server as "request" events (it may be
 * https or hold connection state we must not disturb).
 * @param {import("node:events").EventEmitter} target
 * @returns {http.Server}
 */
function forwardingServer(target) {
  return http.createServer((req, res) => {
    if (!target.emit("request", req, res)) {
      res.statusCode = 500;
      res.end("klotho: the registered server has no request listener");
    }
  });
}

/** @returns {number} */
function appWaitMs() {
  const configured = Number(process.env[APP_WAIT_ENV]);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_APP_WAIT_MS;
}

module.exports = { handler, classifyEvent, NOT_A_GATEWAY_UNIT };
