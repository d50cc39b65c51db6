/**
 * @klotho::execution_unit {
 *   id = "adopt"
 * }
 */
const express = require("express");
const { createClient } = require("redis");

/**
 * @klotho::persist {
 *   id = "cache"
 * }
 */
const client = createClient({ url: process.env.REDIS_URL });
client.on("error", (error) => console.error("redis:", error.message));

let connecting;
function connected() {
  connecting ??= client.connect();
  return connecting;
}

const adoptRouter = express.Router();
adoptRouter.use(express.json());

async function adoptionStatus(request, response) {
  await connected();
  const status = await client.get(`adoption:${request.params.name}`);
  response.json({ name: request.params.name, status: status ?? "available" });
}

async function requestAdoption(request, response) {
  await connected();
  const { adopter } = request.body ?? {};
  await client.set(`adoption:${request.params.name}`, "requested");
  await client.set(`adopter:${request.params.name}`, String(adopter ?? "anonymous"));
  response.status(202).json({ name: request.params.name, status: "requested" });
}

async function approveAdoption(request, response) {
  await connected();
  await client.set(`adoption:${request.params.name}`, "approved");
  response.json({ name: request.params.name, status: "approved" });
}

async function refuseAdoption(request, response) {
  await connected();
  await client.del(`adoption:${request.params.name}`, `adopter:${request.params.name}`);
  response.json({ name: request.params.name, status: "available" });
}

adoptRouter.get("/adoptions/:name", adoptionStatus);
adoptRouter.post("/adoptions/:name", requestAdoption);
adoptRouter.post("/adoptions/:name/approve", approveAdoption);
adoptRouter.post("/adoptions/:name/refuse", refuseAdoption);

exports.adoptRouter = adoptRouter;
