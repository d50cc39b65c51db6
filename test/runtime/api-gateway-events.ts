// Lambda events shaped like the ones API Gateway and SNS really send (fields copied from AWS's
// documented samples), with the parts a test varies as parameters.

const DOMAIN = "abc123xyz.execute-api.eu-west-1.amazonaws.com";
const SOURCE_IP = "203.0.113.9";

/** What a test varies in an HTTP request. */
export interface RequestSpec {
  readonly method?: string;
  readonly path: string;
  /** Query parameters in order; repeated names are multi-valued. */
  readonly query?: readonly (readonly [string, string])[];
  /** Header values; several values for one name are sent as a multi-value header. */
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly cookies?: readonly string[];
  readonly body?: string | Buffer;
  /** API Gateway stage; REST APIs leave it out of `path`. */
  readonly stage?: string;
}

const BASE_HEADERS: Record<string, string[]> = {
  Accept: ["*/*"],
  Host: [DOMAIN],
  "User-Agent": ["curl/8.5.0"],
  "X-Amzn-Trace-Id": ["Root=1-65f1c0de-0123456789abcdef01234567"],
  "X-Forwarded-For": [SOURCE_IP],
  "X-Forwarded-Port": ["443"],
  "X-Forwarded-Proto": ["https"],
};

function bodyOf(spec: RequestSpec): { body: string | null; isBase64Encoded: boolean } {
  if (spec.body === undefined) return { body: null, isBase64Encoded: false };
  return typeof spec.body === "string" ? { body: spec.body, isBase64Encoded: false } : { body: spec.body.toString("base64"), isBase64Encoded: true };
}

/** A REST API (payload v1) proxy event; `version: "1.0"` makes it an HTTP API's v1.0 payload, whose path keeps the stage. */
export function v1Event(spec: RequestSpec, options: { httpApi?: boolean } = {}): Record<string, unknown> {
  const stage = spec.stage ?? "prod";
  const multiValueHeaders: Record<string, string[]> = { ...BASE_HEADERS };
  for (const [name, values] of Object.entries(spec.headers ?? {})) multiValueHeaders[name] = [...values];
  if (spec.cookies) multiValueHeaders["Cookie"] = [spec.cookies.join("; ")];
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of spec.query ?? []) (multiValueQueryStringParameters[name] ??= []).push(value);
  const last = (values: Record<string, string[]>): Record<string, string> =>
    Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list.at(-1) ?? ""]));
  const path = options.httpApi && stage !== "$default" ? `/${stage}${spec.path}` : spec.path;
  return {
    ...(options.httpApi ? { version: "1.0" } : {}),
    resource: "/{proxy+}",
    path,
    httpMethod: spec.method ?? "GET",
    headers: last(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: spec.query ? last(multiValueQueryStringParameters) : null,
    multiValueQueryStringParameters: spec.query ? multiValueQueryStringParameters : null,
    pathParameters: { proxy: spec.path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123xyz",
      domainName: DOMAIN,
      domainPrefix: "abc123xyz",
      extendedRequestId: "JtM0lH3yDoEEMHg=",
      httpMethod: spec.method ?? "GET",
      identity: { sourceIp: SOURCE_IP, userAgent: "curl/8.5.0", accessKey: null, accountId: null, caller: null, user: null, userArn: null },
      path: `/${stage}${spec.path}`,
      protocol: "HTTP/1.1",
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      requestTime: "09/Apr/2024:12:34:56 +0000",
      requestTimeEpoch: 1712666096000,
      resourceId: "roq9wj",
      resourcePath: "/{proxy+}",
      stage,
    },
    ...bodyOf(spec),
  };
}

/** An HTTP API (payload v2) proxy event. */
export function v2Event(spec: RequestSpec): Record<string, unknown> {
  const stage = spec.stage ?? "$default";
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries({ ...BASE_HEADERS, ...spec.headers })) headers[name.toLowerCase()] = values.join(",");
  const query = new URLSearchParams();
  for (const [name, value] of spec.query ?? []) query.append(name, value);
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of spec.query ?? []) queryStringParameters[name] = queryStringParameters[name] === undefined ? value : `${queryStringParameters[name]},${value}`;
  const rawPath = stage === "$default" ? spec.path : `/${stage}${spec.path}`;
  const { body, isBase64Encoded } = bodyOf(spec);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: query.toString(),
    ...(spec.cookies ? { cookies: [...spec.cookies] } : {}),
    headers,
    ...(spec.query ? { queryStringParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123xyz",
      domainName: DOMAIN,
      domainPrefix: "abc123xyz",
      http: { method: spec.method ?? "GET", path: rawPath, protocol: "HTTP/1.1", sourceIp: SOURCE_IP, userAgent: "curl/8.5.0" },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey: "$default",
      stage,
      time: "09/Apr/2024:12:34:56 +0000",
      timeEpoch: 1712666096000,
    },
    ...(body === null ? {} : { body }),
    isBase64Encoded,
  };
}

/** What a test varies in an SNS delivery. */
export interface SnsSpec {
  readonly topicArn: string;
  readonly message: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** A Lambda SNS event with one record per spec. */
export function snsEvent(...specs: readonly SnsSpec[]): Record<string, unknown> {
  return {
    Records: specs.map((spec, index) => ({
      EventVersion: "1.0",
      EventSubscriptionArn: `${spec.topicArn}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
      EventSource: "aws:sns",
      Sns: {
        SignatureVersion: "1",
        Timestamp: "2024-04-09T12:34:56.000Z",
        Signature: "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
        SigningCertUrl: "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
        MessageId: `95df01b4-ee98-5cb9-9903-4c221d41eb5${index}`,
        Message: spec.message,
        MessageAttributes: Object.fromEntries(Object.entries(spec.attributes ?? {}).map(([name, value]) => [name, { Type: "String", Value: value }])),
        Type: "Notification",
        UnsubscribeUrl: "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe",
        TopicArn: spec.topicArn,
        Subject: null,
      },
    })),
  };
}
