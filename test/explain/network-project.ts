// A small shop like the one QA reported the network gap with: unit catalog is in the VPC only because
// it carries routes/sessions.js (the app file loads it), which makes the Redis client; unit orders uses
// a table, a secret and a topic (two gateway and two interface endpoints); unit auditor only listens.

/** The shop's files. */
export const shopFiles: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "shop", main: "server.js", dependencies: { express: "^4.21.2", ioredis: "^5.4.1" } }),
  "server.js": [
    'const express = require("express");',
    'const products = require("./routes/products");',
    'const orders = require("./routes/orders");',
    'const sessions = require("./routes/sessions");',
    'require("./lib/audit");',
    "const app = express();",
    'app.use("/products", products);',
    'app.use("/orders", orders);',
    'app.use("/sessions", sessions);',
    '/* @klotho::expose { id = "shop-api", target = "public" } */',
    "app.listen(3000);",
    "",
  ].join("\n"),
  "routes/products.js": [
    '// @klotho::execution_unit { id = "catalog" }',
    'const router = require("express").Router();',
    '/* @klotho::persist { id = "products" } */',
    "const products = new Map();",
    'router.get("/:id", async (req, res) => res.json(await products.get(req.params.id)));',
    "module.exports = router;",
    "",
  ].join("\n"),
  "routes/sessions.js": [
    'const Redis = require("ioredis");',
    'const router = require("express").Router();',
    '/* @klotho::persist { id = "session-cache" } */',
    "const redis = new Redis(process.env.REDIS_URL);",
    'router.get("/:sid", async (req, res) => res.json(await redis.get(req.params.sid)));',
    "module.exports = router;",
    "",
  ].join("\n"),
  "routes/orders.js": [
    '// @klotho::execution_unit { id = "orders" }',
    'const router = require("express").Router();',
    'const { bus } = require("../lib/events");',
    '/* @klotho::persist { id = "secrets", secret = true } */',
    'const secrets = require("fs/promises");',
    '/* @klotho::persist { id = "orders" } */',
    "const orders = new Map();",
    'router.post("/", async (req, res) => {',
    '  const key = await secrets.readFile("payment-key.txt", "utf8");',
    '  await orders.set("o1", { key: key.length });',
    '  bus.emit("order.created", { id: "o1" });',
    "  res.status(201).end();",
    "});",
    "module.exports = router;",
    "",
  ].join("\n"),
  "lib/events.js": ['const { EventEmitter } = require("events");', '/* @klotho::pubsub { id = "shop-events" } */', "const bus = new EventEmitter();", "module.exports = { bus };", ""].join("\n"),
  "lib/audit.js": ['/* @klotho::execution_unit { id = "auditor" } */', 'const { bus } = require("./events");', 'bus.on("order.created", (order) => console.log(order.id));', ""].join("\n"),
};

/** An app with only a table: no VPC. */
export const noVpcFiles: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "notes", main: "index.js" }),
  "index.js": [
    'const app = require("express")();',
    '/* @klotho::persist { id = "notes" } */',
    "const notes = new Map();",
    'app.get("/:id", async (req, res) => res.json(await notes.get(req.params.id)));',
    '/* @klotho::expose { id = "api", target = "public" } */',
    "app.listen(3000);",
    "",
  ].join("\n"),
};
