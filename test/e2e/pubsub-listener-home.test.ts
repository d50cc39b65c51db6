// A listener runs once per event, as in the single process, however many units carry its file. The
// gateway's app file (which the `users` route unit carries to serve its routes) and a helper both
// units import each listen to `user-created`; `main` hears them. Compiled by the real CLI, the
// units' Lambda handlers are driven with API Gateway and SNS events, publishing to a fake SNS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snsEvent, v2Event } from "../runtime/api-gateway-events.js";
import { requireUnitFile } from "../runtime/runtime-modules.js";
import { startFakeSns, type FakeSns } from "./fake-sns.js";
import { compileFiles, LOCAL_AWS, setEnv, v2Result, type CompiledProject } from "./support.js";

const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:shop-events-user-created";
let project: CompiledProject;
let sns: FakeSns;
let restoreEnv: () => void;

const FILES = {
  "package.json": JSON.stringify({ name: "shop", version: "1.0.0", main: "app.js", dependencies: { express: "^4.21.0" } }),
  "events.js": `const { EventEmitter } = require("events");\n/** @klotho::pubsub { id = "events" } */\nexports.events = new EventEmitter();\n`,
  "audit.js": `const { events } = require("./events");\nexports.audited = [];\nevents.on("user-created", (user) => exports.audited.push(user.name));\n`,
  "users.js": [
    `/* @klotho::execution_unit { id = "users" } */`,
    `const express = require("express");`,
    `const { events } = require("./events");`,
    `require("./audit");`,
    `const router = express.Router();`,
    `router.post("/", (req, res) => { events.emit("user-created", { name: "luna" }); res.status(201).end(); });`,
    `module.exports = router;`,
    ``,
  ].join("\n"),
  "app.js": [
    `const express = require("express");`,
    `const { events } = require("./events");`,
    `require("./audit");`,
    `const users = require("./users");`,
    `const app = express();`,
    `app.use("/users", users);`,
    `exports.welcomed = [];`,
    `events.on("user-created", (user) => exports.welcomed.push(user.name)).once("user-created", () => exports.welcomed.push("first"));`,
    `/* @klotho::expose { id = "api", target = "public" } */`,
    `app.listen(3000);`,
    ``,
  ].join("\n"),
};

beforeAll(async () => {
  [project, sns] = await Promise.all([compileFiles(FILES, "shop"), startFakeSns()]);
  restoreEnv = setEnv({ ...LOCAL_AWS, AWS_ENDPOINT_URL_SNS: sns.endpoint, KLOTHO_APP_NAME: "shop", KLOTHO_PUBSUB_EVENTS_USER_CREATED_ARN: TOPIC_ARN });
}, 60_000);

afterAll(async () => {
  restoreEnv();
  await sns.stop();
  project.remove();
});

/** What a unit's copies of the listening files recorded. */
function heard(unit: string): { welcomed: string[]; audited: string[] } {
  const { welcomed } = requireUnitFile(project.unitDir(unit), "app.js") as { welcomed: string[] };
  const { audited } = requireUnitFile(project.unitDir(unit), "audit.js") as { audited: string[] };
  return { welcomed, audited };
}

describe("listeners in files several units carry", () => {
  it("run once per event: in the unit that hears them, not also in the unit that emits", async () => {
    const created = v2Result(await project.handler("users")(v2Event({ method: "POST", path: "/users" })));
    expect(created.statusCode).toBe(201);
    // The route unit loaded app.js and audit.js, but registered none of their listeners: it only published.
    expect(heard("users")).toEqual({ welcomed: [], audited: [] });
    expect(sns.published.map((p) => p.topicArn)).toEqual([TOPIC_ARN]);

    expect(await project.handler("main")(snsEvent(...sns.published))).toEqual({ delivered: 1, skipped: 0 });
    expect(heard("main")).toEqual({ welcomed: ["luna", "first"], audited: ["luna"] });
  });
});

describe("listeners whose home unit runs on ECS", () => {
  it("stay registered in the units carrying their file: SNS cannot deliver to a container", async () => {
    const files = {
      "package.json": JSON.stringify({ name: "ps", version: "1.0.0", dependencies: { express: "^4.21.0" } }),
      "klotho.yaml": "execution_units:\n  worker:\n    type: ecs\n",
      "bus.js": `const { EventEmitter } = require("events");\n/** @klotho::pubsub { id = "bus" } */\nexports.bus = new EventEmitter();\n`,
      "audit.js": `// @klotho::execution_unit { id = "worker" }\nconst { bus } = require("./bus");\nexports.audited = [];\nbus.on("order", (o) => exports.audited.push(o));\n`,
      "api.js": [
        `// @klotho::execution_unit { id = "api" }`,
        `const express = require("express");`,
        `const { bus } = require("./bus");`,
        `require("./audit");`,
        "const app = express();",
        `app.post("/o", (req, res) => { bus.emit("order", 1); res.send("ok"); });`,
        `/** @klotho::expose { id = "gw", target = "public" } */`,
        "app.listen(3000);",
        "",
      ].join("\n"),
    };
    const ecs = await compileFiles(files, "ps");
    const restore = setEnv({ KLOTHO_PUBSUB_BUS_ORDER_ARN: "arn:aws:sns:eu-west-1:123456789012:ps-bus-order" });
    try {
      expect(v2Result(await ecs.handler("api")(v2Event({ method: "POST", path: "/o" }))).statusCode).toBe(200);
      expect(requireUnitFile(ecs.unitDir("api"), "audit.js")).toMatchObject({ audited: [1] });
    } finally {
      restore();
      ecs.remove();
    }
  });
});
