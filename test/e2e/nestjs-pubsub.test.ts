// NestJS providers that listen to a pubsub emitter when the app starts (`onModuleInit() { events.on(...) }`,
// test/fixtures/nestjs/pubsub-providers): the `mailer` unit serves no routes, so it starts the app itself
// (its entrypoint is the file starting it) and its dispatcher init()s the app before delivering SNS records;
// the `api` unit, whose first event in a cold container may be SNS, does the same. Compiled by the real
// CLI, the units' Lambda handlers are driven with API Gateway and SNS events, publishing to a fake SNS.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snsEvent, v2Event } from "../runtime/api-gateway-events.js";
import { requireUnitFile } from "../runtime/runtime-modules.js";
import { startFakeSns, type FakeSns } from "./fake-sns.js";
import { compileProject, fixture, LOCAL_AWS, setEnv, v2Result, type CompiledProject } from "./support.js";

const ORDER_PLACED = "arn:aws:sns:eu-west-1:123456789012:mailing-events-order-placed";
const MAIL_SENT = "arn:aws:sns:eu-west-1:123456789012:mailing-events-mail-sent";
let project: CompiledProject;
let sns: FakeSns;
let restoreEnv: () => void;

beforeAll(async () => {
  [project, sns] = await Promise.all([compileProject(fixture("nestjs", "pubsub-providers"), "mailing"), startFakeSns()]);
  restoreEnv = setEnv({
    ...LOCAL_AWS,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    KLOTHO_APP_NAME: "mailing",
    KLOTHO_PUBSUB_EVENTS_ORDER_PLACED_ARN: ORDER_PLACED,
    KLOTHO_PUBSUB_EVENTS_MAIL_SENT_ARN: MAIL_SENT,
  });
}, 60_000);

afterAll(async () => {
  restoreEnv();
  await sns.stop();
  project.remove();
});

/** An export of a unit's copy of a file. */
function exported(unit: string, file: string, name: string): unknown {
  const exports = requireUnitFile(project.unitDir(unit), file) as Record<string, unknown>;
  return exports[name];
}

describe("NestJS providers listening to a pubsub emitter", () => {
  it("are heard in a cold route unit whose first event is an SNS record", async () => {
    const mailSent = { topicArn: MAIL_SENT, message: JSON.stringify([{ to: "ada@example.com" }]), attributes: { "klotho.emitter": "events", "klotho.topic": "mail.sent", "klotho.unit": "mailer" } };
    expect(await project.handler("api")(snsEvent(mailSent))).toEqual({ delivered: 1, skipped: 0 });
    expect(exported("api", "src/audit.service.js", "audited")).toEqual(["ada@example.com"]);
  });

  it("are heard in a unit without routes, which starts the app from the file that starts it", async () => {
    const unit = JSON.parse(readFileSync(join(project.unitDir("mailer"), "klotho_runtime", "unit.json"), "utf8")) as { entrypoint: string; gateway: boolean; startsApp?: boolean };
    expect(unit).toMatchObject({ entrypoint: "src/main.js", gateway: false, startsApp: true });
    const placed = v2Result(await project.handler("api")(v2Event({ method: "POST", path: "/orders", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify({ email: "bob@example.com" }) })));
    expect(placed.statusCode).toBe(201);
    expect(sns.published.map((message) => message.topicArn)).toEqual([ORDER_PLACED]);
    expect(await project.handler("mailer")(snsEvent(...sns.published))).toEqual({ delivered: 1, skipped: 0 });
    expect(exported("mailer", "src/mailer.service.js", "mailed")).toEqual(["bob@example.com"]);
    // What the mailer's listener published in turn reaches the api unit.
    expect(sns.published.map((message) => message.topicArn)).toEqual([ORDER_PLACED, MAIL_SENT]);
  });
});
