// A stand-in for SNS's Publish action (the AWS query protocol the SDK's SNS client speaks): it records
// what a unit publishes, so a test can deliver it to the subscribing unit as a real SNS event would.
import http from "node:http";
import type { SnsSpec } from "../runtime/api-gateway-events.js";

/** A running fake SNS endpoint and what was published to it. */
export interface FakeSns {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL_SNS. */
  readonly endpoint: string;
  /** Every Publish so far, as the SNS record it becomes (topic ARN, message, string attributes). */
  readonly published: SnsSpec[];
  stop(): Promise<void>;
}

/** Starts the fake on 127.0.0.1; it answers Publish with a message id and any other action with an error. */
export async function startFakeSns(): Promise<FakeSns> {
  const published: SnsSpec[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      if (form.get("Action") !== "Publish") {
        response.writeHead(400, { "content-type": "text/xml" }).end(errorXml(`the fake SNS only knows Publish, not ${form.get("Action") ?? "?"}`));
        return;
      }
      published.push({ topicArn: form.get("TopicArn") ?? "", message: form.get("Message") ?? "", attributes: messageAttributes(form) });
      response.writeHead(200, { "content-type": "text/xml" }).end(publishXml(published.length));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the fake SNS is not listening on a TCP port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    published,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => { if (error) reject(error); else resolve(); })),
  };
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` pairs of a Publish request. */
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    attributes[form.get(`MessageAttributes.entry.${n}.Name`) ?? ""] = form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? "";
  }
  return attributes;
}

function publishXml(n: number): string {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></PublishResponse>`;
}

function errorXml(message: string): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${message}</Message></Error><RequestId>0</RequestId></ErrorResponse>`;
}
