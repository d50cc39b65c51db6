/**
 * @klotho::execution_unit {
 *   id = "pugs"
 * }
 */
const express = require("express");

/**
 * @klotho::persist {
 *   id = "dogs"
 * }
 */
const store = new Map();

const pugsRouter = express.Router();
pugsRouter.use(express.json());

async function addPug(request, response) {
  const { name, age } = request.body ?? {};
  if (typeof name !== "string" || name === "") {
    response.status(400).json({ error: "a pug needs a name" });
    return;
  }
  await store.set(name, { name, age: Number(age ?? 0), addedAt: new Date().toISOString() });
  response.status(201).json({ name });
}

async function getPug(request, response) {
  const pug = await store.get(request.params.name);
  if (pug === undefined) {
    response.status(404).json({ error: `no pug named ${request.params.name}` });
    return;
  }
  response.json(pug);
}

pugsRouter.post("/pugs", addPug);
pugsRouter.get("/pugs/:name", getPug);

exports.pugsRouter = pugsRouter;
