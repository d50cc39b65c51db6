// @ts-check
"use strict";
/**
 * Runs one HTTP request through the user's app without opening a port: an `http.Server` (never
 * listening) gets one end of an in-memory connection, Node's own HTTP client writes the request on
 * the other end and parses the response. The app sees a real IncomingMessage / ServerResponse pair.
 */
const http = require("node:http");
const { Duplex } = require("node:stream");

/**
 * @typedef {object} BridgeRequest
 * @property {string} method
 * @property {string} url path and query string, already percent-encoded
 * @property {Record<string, string[]>} headers
 * @property {Buffer} body
 * @property {string} remoteAddress the client's IP, for `req.socket.remoteAddress` / `req.ip`
 */

/**
 * @typedef {object} BridgeResponse
 * @property {number} statusCode
 * @property {string[]} rawHeaders name, value, name, value, ... as the app sent them
 * @property {Buffer} body
 */

/** One end of an in-memory connection: what it writes, its peer reads. */
class MemorySocket extends Duplex {
  /** @type {MemorySocket | undefined} */
  peer;
  remoteAddress = "127.0.0.1";
  remotePort = 0;

  /** @override */
  _read() {}

  /**
   * @override
   * @param {Buffer} chunk
   * @param {BufferEncoding} _encoding
   * @param {(error?: Error | null) => void} callback
   */
  _write(chunk, _encoding, callback) {
    if (this.peer && !this.peer.destroyed) this.peer.push(chunk);
    callback();
  }

  /**
   * @override
   * @param {(error?: Error | null) => void} callback
   */
  _final(callback) {
    this.#endPeer();
    callback();
  }

  /**
   * @override
   * @param {Error | null} error
   * @param {(error?: Error | null) => void} callback
   */
  _destroy(error, callback) {
    this.#endPeer();
    callback(error);
  }

  #endPeer() {
    if (this.peer && !this.peer.destroyed) this.peer.push(null);
  }

  // The net.Socket settings apps make on `req.socket` (`req.setTimeout(ms)` calls the socket's, NestJS's
  // @Sse sets keep-alive and no-delay): they mean nothing for an in-memory connection, and the Lambda
  // function's own timeout bounds the request. Each returns the socket, as net.Socket's do.

  /**
   * @param {number} _timeout
   * @param {() => void} [_callback]
   * @returns {this}
   */
  setTimeout(_timeout, _callback) {
    return this;
  }

  /**
   * @param {boolean} [_enable]
   * @param {number} [_initialDelay]
   * @returns {this}
   */
  setKeepAlive(_enable, _initialDelay) {
    return this;
  }

  /**
   * @param {boolean} [_noDelay]
   * @returns {this}
   */
  setNoDelay(_noDelay) {
    return this;
  }

  /** @returns {this} */
  ref() {
    return this;
  }

  /** @returns {this} */
  unref() {
    return this;
  }
}

/** @returns {[MemorySocket, MemorySocket]} client end, server end */
function connectedPair() {
  const client = new MemorySocket();
  const server = new MemorySocket();
  client.peer = server;
  server.peer = client;
  return [client, server];
}

/**
 * Sends `request` to `server` over an in-memory connection and collects the whole response.
 * @param {http.Server} server a server that is not listening; it only receives this connection
 * @param {BridgeRequest} request
 * @returns {Promise<BridgeResponse>}
 */
function serveRequest(server, request) {
  return new Promise((resolve, reject) => {
    const [clientEnd, serverEnd] = connectedPair();
    serverEnd.remoteAddress = request.remoteAddress;
    server.emit("connection", serverEnd);
    const outgoing = http.request({
      method: request.method,
      path: request.url,
      headers: request.headers,
      createConnection: () => clientEnd,
    });
    outgoing.on("error", reject);
    outgoing.on("response", (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on("data", (/** @type {Buffer} */ chunk) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        resolve({ statusCode: response.statusCode ?? 502, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) });
      });
    });
    outgoing.end(request.body);
  });
}

module.exports = { serveRequest };
