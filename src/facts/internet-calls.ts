import type { CallExpression, Node, OptionalCallExpression } from "@babel/types";
import { isGlobalName } from "../parse/bindings.js";
import { importSpecifier, isTypeOnlyImport } from "../parse/import-specifier.js";
import type { ParsedFile } from "../parse/parse-file.js";
import { walkAst } from "../parse/walk.js";
import { packageName } from "./resolve-import.js";
import { rangeOfNode, type SourceRange } from "../util/source-range.js";

/**
 * Code that needs the internet, found by reading a file's syntax: an import of an HTTP client package,
 * `fetch` of an absolute URL, `http`/`https` `request` and `get`, and an import of an AWS SDK v3 client.
 * The plan stage warns about those in a function placed in the VPC's private subnets, which has no
 * route to the internet. Only the project's code is read: klotho's runtime is not part of it.
 */
export interface InternetCall {
  readonly range: SourceRange;
  /** What needs the internet, as the message names it: `axios`, `fetch("https://api.example.com/...")`, `https.request`, `@aws-sdk/client-ses`. */
  readonly what: string;
  /** For an AWS SDK v3 client: its service as a VPC endpoint names it (`dynamodb`, `ses`), which the VPC may reach through an endpoint. */
  readonly awsService?: string;
}

/** Packages whose whole purpose is HTTP requests. */
export const HTTP_CLIENT_PACKAGES: readonly string[] = ["axios", "cross-fetch", "got", "ky", "needle", "node-fetch", "request", "superagent", "undici"];

/** AWS SDK v3 client packages whose service has another name in a VPC endpoint's service name. */
const SDK_ENDPOINT_NAMES: Readonly<Record<string, string>> = { "secrets-manager": "secretsmanager" };

const NODE_HTTP = new Set(["http", "https", "node:http", "node:https"]);
const HTTP_FUNCTIONS = new Set(["request", "get"]);
const LOCAL_HOST = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(?=[:/]|$)/i;

/** The calls and imports in `parsed` that need the internet, in source order. */
export function findInternetCalls(parsed: ParsedFile): InternetCall[] {
  const file = parsed.file.path;
  const parents = new Map<Node, Node>();
  const calls: InternetCall[] = [];
  const httpModules = new Map<string, string>();
  const httpFunctions = new Map<string, string>();
  // One walk: the imports bind the names the calls are then judged by (a require may follow its first use in the source).
  const callNodes: (CallExpression | OptionalCallExpression)[] = [];
  walkAst(parsed.ast.program, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type === "CallExpression" || node.type === "OptionalCallExpression") callNodes.push(node);
    const specifier = isTypeOnlyImport(node) ? undefined : importSpecifier(node);
    if (specifier) {
      const call = importedClient(specifier.value);
      if (call) calls.push({ ...call, range: rangeOfNode(file, specifier.node) });
      if (NODE_HTTP.has(specifier.value)) bindHttpModule(node, parent, specifier.value.replace(/^node:/, ""), httpModules, httpFunctions);
    }
    return undefined;
  });
  const parentOf = (node: Node): Node | undefined => parents.get(node);
  for (const node of callNodes) {
    const what = fetchCall(node, parentOf) ?? httpCall(node, httpModules, httpFunctions);
    if (what !== undefined) calls.push({ what, range: rangeOfNode(file, node.callee) });
  }
  return calls.sort((a, b) => a.range.start.offset - b.range.start.offset);
}


/** An import of an HTTP client package or of an AWS SDK v3 client. */
function importedClient(specifier: string): Omit<InternetCall, "range"> | undefined {
  const name = packageName(specifier);
  if (HTTP_CLIENT_PACKAGES.includes(name)) return { what: name };
  const client = /^@aws-sdk\/client-([a-z0-9-]+)$/.exec(name)?.[1];
  return client === undefined ? undefined : { what: name, awsService: SDK_ENDPOINT_NAMES[client] ?? client };
}


/**
 * Records the names an import or `require` of `http`/`https` binds: the module (`const https = require("https")`,
 * `import * as https`, `import https`) or its functions (`const { request } = require("https")`, `import { get }`).
 */
function bindHttpModule(node: Node, parent: Node | undefined, module: string, modules: Map<string, string>, functions: Map<string, string>): void {
  if (node.type === "ImportDeclaration") {
    for (const s of node.specifiers) {
      if (s.type !== "ImportSpecifier") modules.set(s.local.name, module);
      else if (s.imported.type === "Identifier" && HTTP_FUNCTIONS.has(s.imported.name)) functions.set(s.local.name, `${module}.${s.imported.name}`);
    }
    return;
  }
  if (parent?.type !== "VariableDeclarator" || parent.init !== node) return;
  if (parent.id.type === "Identifier") modules.set(parent.id.name, module);
  if (parent.id.type !== "ObjectPattern") return;
  for (const property of parent.id.properties) {
    if (property.type === "ObjectProperty" && property.key.type === "Identifier" && HTTP_FUNCTIONS.has(property.key.name) && property.value.type === "Identifier") {
      functions.set(property.value.name, `${module}.${property.key.name}`);
    }
  }
}

/** `fetch("https://api.example.com/x")` (the global fetch, an absolute URL to another host): `fetch("https://api.example.com/x")`. */
function fetchCall(node: CallExpression | OptionalCallExpression, parentOf: (node: Node) => Node | undefined): string | undefined {
  const callee = node.callee.type === "MemberExpression" && node.callee.object.type === "Identifier" && node.callee.object.name === "globalThis" ? node.callee.property : node.callee;
  if (callee.type !== "Identifier" || callee.name !== "fetch" || !isGlobalName("fetch", node, parentOf)) return undefined;
  const url = absoluteUrl(node.arguments[0]);
  return url === undefined ? undefined : `fetch(${JSON.stringify(url)})`;
}

/** The start of a URL written as a string or a template, when it is absolute and not this machine's. */
function absoluteUrl(argument: Node | undefined): string | undefined {
  const text = argument?.type === "StringLiteral" ? argument.value : argument?.type === "TemplateLiteral" ? (argument.quasis[0]?.value.cooked ?? "") : undefined;
  if (text === undefined || !/^https?:\/\/[^/]/i.test(text) || LOCAL_HOST.test(text)) return undefined;
  return argument?.type === "TemplateLiteral" && argument.expressions.length > 0 ? `${text}...` : text;
}

/** `https.request(...)`, `http.get(...)`, `request(...)` of `import { request } from "https"`, `require("https").get(...)`. */
function httpCall(node: CallExpression | OptionalCallExpression, modules: ReadonlyMap<string, string>, functions: ReadonlyMap<string, string>): string | undefined {
  const callee = node.callee;
  const first = node.arguments[0];
  if (first?.type === "StringLiteral" && LOCAL_HOST.test(first.value)) return undefined;
  if (callee.type === "Identifier") return functions.get(callee.name);
  if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier" || !HTTP_FUNCTIONS.has(callee.property.name)) return undefined;
  const object = callee.object;
  const module = object.type === "Identifier" ? modules.get(object.name) : requiredHttp(object);
  return module === undefined ? undefined : `${module}.${callee.property.name}`;
}

/** `require("https")` written in place: `https`. */
function requiredHttp(node: Node): string | undefined {
  const specifier = importSpecifier(node);
  return specifier && NODE_HTTP.has(specifier.value) ? specifier.value.replace(/^node:/, "") : undefined;
}
