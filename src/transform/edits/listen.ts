import type { Expression, Node } from "@babel/types";
import type { Annotation } from "../../annotations/index.js";
import type { Fact } from "../../facts/index.js";
import { isGlobalName } from "../../parse/bindings.js";
import { walkAst } from "../../parse/walk.js";
import { factsBoundTo } from "../../units/index.js";
import type { EditContext } from "../edit-context.js";
import { keepLineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import { propertyKeyName } from "../../parse/property-key.js";

/**
 * Lambda units do not listen on a port: the annotated `app.listen(port, callback)` becomes
 * `registerApp(app, port, callback)`, which hands the app to the dispatcher and returns a stand-in
 * server that runs the callback (so `await new Promise((r) => app.listen(port, r))` still resolves).
 * Container units listen on the port their task definition and load balancer use, the `PORT` their
 * Dockerfile sets: the annotated listen's port becomes `process.env.PORT` (ContainerPort).
 * The arguments are kept as written and no line moves.
 */
export function replaceListen(context: EditContext, nodes: NodeIndex, annotations: readonly Annotation[], facts: readonly Fact[]): void {
  const file = context.parsed.file.path;
  for (const annotation of annotations) {
    if (annotation.capability !== "expose" || annotation.range.file !== file) continue;
    for (const fact of factsBoundTo(annotation, facts)) {
      if (fact.kind !== "http_listen") continue;
      const call = nodes.at(fact.range);
      if (call?.type !== "CallExpression" && call?.type !== "OptionalCallExpression") continue;
      const callee = call.callee;
      if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") continue;
      if (!context.lambda) {
        listenOnContainerPort(context, call.arguments, (call.end ?? 1) - 1);
        // A container of several annotated files runs klotho_runtime/start.js, which loads the entrypoint with `require`.
        openEntryGuards(context, nodes, call);
        continue;
      }
      const register = `${context.runtime("app-registry", "registerApp")}(${serverSource(context, callee.object)}`;
      const [first] = call.arguments;
      // `app.listen(` → `registerApp(app, `: the arguments and the closing parenthesis stay as written.
      const start = call.start ?? 0;
      const end = first ? (first.start ?? 0) : (call.end ?? 0);
      const replaced = context.parsed.file.text.slice(start, end);
      context.replace(start, end, first ? `${keepLineBreaks(replaced, `${register},`)} ` : keepLineBreaks(replaced, `${register})`));
      openEntryGuards(context, nodes, call);
    }
  }
}

/**
 * `listen(8080, cb)` → `listen(process.env.PORT /* klotho: was 8080 *\/, "0.0.0.0", cb)`; `listen(cb)`
 * and `listen()` get the port and host in front, as does a variable not named for a port (most likely a
 * callback). In an options object (`listen({ port: 8080, host })`, Fastify's form) the `port` property's
 * value is replaced and a host added; one without a `port` property is left as written. A loopback host
 * (`"localhost"`) becomes `"0.0.0.0"`: the load balancer reaches the container from outside it.
 */
function listenOnContainerPort(context: EditContext, args: readonly Node[], closingParen: number): void {
  const port = "process.env.PORT";
  const [first, second] = args;
  if (!first) {
    context.insert(closingParen, `${port}, ${ALL_INTERFACES}`);
    return;
  }
  if (first.type === "SpreadElement") return;
  if (first.type === "ObjectExpression") {
    const property = objectProperty(first, "port");
    if (property?.type !== "ObjectProperty") return;
    // `{ port }` shorthand becomes `{ port: process.env.PORT }`.
    if (property.shorthand) context.replace(property.start ?? 0, property.end ?? 0, `port: ${port} /* klotho: was port */`);
    else replaceWithPort(context, property.value, port);
    // The load balancer reaches the container from outside: Fastify binds to localhost unless told.
    const host = objectProperty(first, "host");
    if (host === undefined) context.insert(property.end ?? 0, `, host: ${ALL_INTERFACES}`);
    else if (host.type === "ObjectProperty" && isLoopback(host.value)) replaceWithHost(context, host.value);
    return;
  }
  // A callback first (a function, or a variable not named for a port) keeps its place after the port and host.
  if (isCallback(first) || (first.type === "Identifier" && !/port/i.test(first.name))) {
    context.insert(first.start ?? 0, `${port}, ${ALL_INTERFACES}, `);
    return;
  }
  replaceWithPort(context, first, port);
  // `listen(port)`, `listen(port, callback)`: the host goes second; a loopback host becomes every interface.
  if (second === undefined) context.insert(first.end ?? 0, `, ${ALL_INTERFACES}`);
  else if (isCallback(second)) context.insert(second.start ?? 0, `${ALL_INTERFACES}, `);
  else if (isLoopback(second)) replaceWithHost(context, second);
}

/** Every interface of the container, where its load balancer reaches it. */
const ALL_INTERFACES = '"0.0.0.0"';

function objectProperty(object: Node, name: string): Node | undefined {
  if (object.type !== "ObjectExpression") return undefined;
  return object.properties.find((p) => p.type === "ObjectProperty" && !p.computed && propertyKeyName(p.key) === name);
}

function isCallback(node: Node): boolean {
  return node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression";
}

/** `"localhost"`, `"127.0.0.1"`, `"::1"`: a host only the container itself can reach. */
function isLoopback(node: Node): boolean {
  return node.type === "StringLiteral" && ["localhost", "127.0.0.1", "::1"].includes(node.value);
}

/** A loopback host → every interface, with what it was, on the same line. */
function replaceWithHost(context: EditContext, node: Node): void {
  context.replace(node.start ?? 0, node.end ?? 0, `${ALL_INTERFACES} /* klotho: was ${sourceOf(context.parsed, node)} */`);
}

/** `node` → `process.env.PORT /* klotho: was <node> *\/`, on the same lines. */
function replaceWithPort(context: EditContext, node: Node, port: string): void {
  const text = sourceOf(context.parsed, node);
  context.replace(node.start ?? 0, node.end ?? 0, keepLineBreaks(text, `${port} /* klotho: was ${text.replaceAll("*/", "* /")} */`));
}

/**
 * `if (require.main === module) app.listen(...)` (or `!module.parent`, or `... && app.listen()`, or an
 * ES module's `process.argv[1] === fileURLToPath(import.meta.url)`) keeps a file importable by tests;
 * the dispatcher (and a container's klotho_runtime/start.js) loads the file with `require` or `import`,
 * so the test is false there and the app would never start: it becomes `true`. So does such a test around a call of the
 * function of this file that listens (`async function start() { app.listen(...) }` then
 * `if (require.main === module) start();`), to any depth.
 */
function openEntryGuards(context: EditContext, nodes: NodeIndex, call: Node, seen = new Set<Node>()): void {
  for (let child = call, parent = nodes.parentOf(call); parent; child = parent, parent = nodes.parentOf(parent)) {
    openEntryGuard(context, nodes, guardOf(parent, child));
    // The listen runs when its function is called: the guards around those calls matter too.
    const name = functionName(parent, nodes);
    if (name === undefined || seen.has(parent)) continue;
    seen.add(parent);
    for (const site of callsOf(context.parsed.ast.program, name)) openEntryGuards(context, nodes, site, seen);
  }
}

/** The test `parent` puts before `child` runs: an `if`'s (for its consequent), an `&&`'s left side (for its right). */
function guardOf(parent: Node, child: Node): Node | undefined {
  if (parent.type === "IfStatement" && parent.consequent === child) return parent.test;
  if (parent.type === "LogicalExpression" && parent.operator === "&&" && parent.right === child) return parent.left;
  return undefined;
}

/** An entry test → `true`, saying what it was. */
function openEntryGuard(context: EditContext, nodes: NodeIndex, guard: Node | undefined): void {
  if (!guard || !isEntryTest(nodes, guard)) return;
  const text = sourceOf(context.parsed, guard);
  context.replace(guard.start ?? 0, guard.end ?? 0, keepLineBreaks(text, `true /* klotho: was ${text.replaceAll("*/", "* /")}, false when klotho's runtime loads the file */`));
}

/** The name a function is called by in its file: a function declaration's, or the variable's it initialises. */
function functionName(node: Node, nodes: NodeIndex): string | undefined {
  if (node.type === "FunctionDeclaration") return node.id?.name;
  if (node.type !== "FunctionExpression" && node.type !== "ArrowFunctionExpression") return undefined;
  const parent = nodes.parentOf(node);
  return parent?.type === "VariableDeclarator" && parent.init === node && parent.id.type === "Identifier" ? parent.id.name : undefined;
}

/** The calls `name(...)` in a file. */
function callsOf(program: Node, name: string): Node[] {
  const calls: Node[] = [];
  walkAst(program, (node) => {
    if ((node.type === "CallExpression" || node.type === "OptionalCallExpression") && node.callee.type === "Identifier" && node.callee.name === name) calls.push(node);
    return true;
  });
  return calls;
}

/**
 * "This file is the program's entry": `require.main === module` (either side, `==` too), `!module.parent`,
 * `import.meta.main`, or a comparison of `import.meta` with `process.argv` (an ES module's
 * `import.meta.url === pathToFileURL(process.argv[1]).href`, `process.argv[1] === fileURLToPath(import.meta.url)`).
 * `require`, `module` and `process` must be Node's: a variable or parameter of that name makes the test another.
 */
function isEntryTest(nodes: NodeIndex, node: Node): boolean {
  const isGlobal = (n: Node, name: string): boolean => n.type === "Identifier" && n.name === name && isGlobalName(name, n, (child) => nodes.parentOf(child));
  const isMember = (n: Node, object: string, property: string): boolean =>
    (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") && !n.computed && n.property.type === "Identifier" && n.property.name === property && isGlobal(n.object, object);
  if (node.type === "UnaryExpression" && node.operator === "!") return isMember(node.argument, "module", "parent");
  if (node.type === "MemberExpression" && node.object.type === "MetaProperty" && node.property.type === "Identifier" && node.property.name === "main") return true;
  if (node.type !== "BinaryExpression" || (node.operator !== "===" && node.operator !== "==")) return false;
  const { left, right } = node;
  if ((isMember(left, "require", "main") && isGlobal(right, "module")) || (isGlobal(left, "module") && isMember(right, "require", "main"))) return true;
  const readsMeta = (side: Node): boolean => contains(side, (n) => n.type === "MetaProperty" && n.meta.name === "import");
  const readsArgv = (side: Node): boolean => contains(side, (n) => isMember(n, "process", "argv"));
  return (readsMeta(left) && readsArgv(right)) || (readsArgv(left) && readsMeta(right));
}

/** True when `root` or a node below it passes `test`. */
function contains(root: Node, test: (node: Node) => boolean): boolean {
  let found = false;
  walkAst(root, (node) => {
    found ||= test(node);
    return !found;
  });
  return found;
}

/** The server expression's source, parenthesised when it was (`(a, b).listen()`, `(await make()).listen()`). */
function serverSource(context: EditContext, node: Expression | Node): string {
  const text = sourceOf(context.parsed, node);
  return isParenthesized(node) ? `(${text})` : text;
}

function isParenthesized(node: Node): boolean {
  const extra: unknown = node.extra;
  return typeof extra === "object" && extra !== null && "parenthesized" in extra && extra.parenthesized === true;
}
