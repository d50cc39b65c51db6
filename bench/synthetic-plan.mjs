// A synthetic plan of any size, shaped like a large app: gateways in front of units, each unit with
// a store or two of its own, a few stores shared by several units, topics between neighbouring
// units, a couple of static sites. Deterministic: the same size gives the same plan.
// Used by the diagram tests and by bench/diagram.mjs.

const storeKinds = [
  ["persist_kv", "dynamodb", {}],
  ["persist_fs", "s3", {}],
  ["persist_orm", "rds_postgres", { instanceClass: "db.t4g.micro", allocatedStorage: 20 }],
  ["persist_redis_node", "elasticache", { nodeType: "cache.t3.micro" }],
  ["persist_kv", "dynamodb", {}],
  ["persist_secret", "secrets_manager", {}],
  ["persist_redis_cluster", "memorydb", { numShards: 2 }],
];
const methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/** @param {number} size how many resources the plan holds (at least 6) */
export function syntheticPlan(size) {
  const gateways = Math.max(1, Math.round(size / 50));
  const statics = Math.max(1, Math.round(size / 100));
  const topics = Math.max(1, Math.round(size / 30));
  const shared = Math.max(1, Math.round(size / 25));
  const units = Math.max(1, Math.round(size * 0.3));
  const own = Math.max(0, size - gateways - statics - topics - shared - units);
  const resources = [];
  const edges = [];
  const add = (kind, name, type, params, extra = {}) => {
    resources.push({ id: `${kind}:${name}`, kind, name, type, params, ...extra, source: [], provenance: [] });
    return `${kind}:${name}`;
  };
  const edge = (source, target) => edges.push({ source, target, reason: "synthetic" });
  const unitName = (i) => `service-${pad(i % units)}`;
  for (let i = 0; i < units; i++) add("exec_unit", unitName(i), i % 4 === 3 ? "ecs" : "lambda", i % 4 === 3 ? { cpu: 256, memory: 512 } : { memorySize: 512, timeout: 180 });
  for (let g = 0; g < gateways; g++) {
    const served = Array.from({ length: units }, (_, i) => i).filter((i) => Math.floor((i * gateways) / units) === g);
    const routes = served.flatMap((i) =>
      Array.from({ length: 1 + (i % 3) }, (_, r) => ({ method: methods[(i + r) % methods.length], path: `/${unitName(i)}/items${r === 0 ? "" : "/:id"}${r === 2 ? "/history" : ""}`, unit: unitName(i) })),
    );
    const id = add("gateway", `api-${pad(g)}`, "apigateway", {}, { routes });
    for (const i of served) edge(id, `exec_unit:${unitName(i)}`);
  }
  for (let s = 0; s < statics; s++) add("static_unit", `site-${pad(s)}`, "s3", { cloudFrontEnabled: true }, { files: ["index.html"] });
  const store = (s, name) => {
    const [kind, type, params] = storeKinds[s % storeKinds.length];
    return add(kind, name, type, params);
  };
  // Each unit's own stores: unit i owns stores i, i + units, ... (one or two each).
  for (let s = 0; s < own; s++) edge(`exec_unit:${unitName(s)}`, store(s, `${unitName(s)}-data-${Math.floor(s / units)}`));
  // Shared stores: each used by three units spread over the app.
  for (let s = 0; s < shared; s++) {
    const id = store(s + 3, `shared-${pad(s)}`);
    for (const u of [s * 7, s * 7 + 11, s * 7 + 23]) edge(`exec_unit:${unitName(u)}`, id);
  }
  // Topics: published by one unit, subscribed to by its next two neighbours.
  for (let t = 0; t < topics; t++) {
    const first = Math.floor((t * units) / topics);
    const [publisher, ...subscribers] = [first, first + 1, first + 2].map(unitName);
    const id = add("pubsub", `events-${pad(t)}`, "sns", {}, { topics: [{ name: `event-${pad(t)}.created`, publishers: [publisher], subscribers: [...new Set(subscribers)].sort() }] });
    edge(`exec_unit:${publisher}`, id);
    for (const unit of new Set(subscribers)) if (unit !== publisher) edge(id, `exec_unit:${unit}`);
  }
  const key = (e) => `${e.source}\u0000${e.target}`;
  const unique = [...new Map(edges.map((e) => [key(e), e])).values()].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return { app: `synthetic-${size}`, provider: "aws", resources: resources.sort((a, b) => (a.id < b.id ? -1 : 1)), edges: unique };
}

function pad(n) {
  return String(n).padStart(3, "0");
}
