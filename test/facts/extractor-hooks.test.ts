// Which extractors the interpreter asks about a method call, a property read or another call
// (facts/interpreter/extractor-hooks.ts), and its promise: asking only those whose `methodCalls`,
// `memberReads` and `callees` name the value finds exactly what asking every extractor finds.
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type * as Analyse from "../../src/analyse.js";
import type * as Registry from "../../src/facts/extractors/registry.js";
import { readCode } from "../../src/analyse.js";
import type { Extractor } from "../../src/facts/extractors/extractor.js";
import { callHooksFor, memberHooksFor, methodHooksFor } from "../../src/facts/interpreter/extractor-hooks.js";
import { ObjectRef, special, UNKNOWN, type Value } from "../../src/facts/interpreter/values.js";
import { readProject } from "../../src/load/project.js";
import { fixtureProjects } from "../helpers/fixture-projects.js";
import { summarizeDiagnostics } from "../helpers/program.js";

const hook = () => undefined;
const object = (tag: string): Value => ({ kind: "object", ref: new ObjectRef(tag, `a.js:${tag}`, undefined) });
const kinds = (extractors: readonly Extractor[]) => extractors.map((extractor) => extractor.meta.kind);

describe("the extractors asked about a method call, a property read or another call", () => {
  const anyCall: Extractor = { meta: { kind: "any", description: "" }, method: hook, member: hook, call: hook };
  const onApps: Extractor = { meta: { kind: "apps", description: "" }, method: hook, methodCalls: { tags: ["app"] }, member: hook, memberReads: { tags: ["app", "module"] }, call: hook, callees: { tags: ["factory"] } };
  const sendFile: Extractor = { meta: { kind: "send", description: "" }, method: hook, methodCalls: { tags: ["fs"], names: ["sendFile"] } };
  const noHook: Extractor = { meta: { kind: "none", description: "" }, methodCalls: { tags: ["app"] } };
  const extractors = [onApps, anyCall, sendFile, noHook];

  it("asks an extractor about the values of the tags it names, an object's or a special value's, in the registry's order", () => {
    expect(kinds(methodHooksFor(extractors, object("app"), "get"))).toEqual(["apps", "any"]);
    expect(kinds(methodHooksFor(extractors, special("fs"), "readFile"))).toEqual(["any", "send"]);
    expect(kinds(memberHooksFor(extractors, special("module")))).toEqual(["apps", "any"]);
    expect(kinds(callHooksFor(extractors, special("factory")))).toEqual(["apps", "any"]);
    expect(kinds(callHooksFor(extractors, special("app")))).toEqual(["any"]);
  });

  it("asks it about a method it names on any value, and one that declares nothing about everything", () => {
    expect(kinds(methodHooksFor(extractors, UNKNOWN, "sendFile"))).toEqual(["any", "send"]);
    expect(kinds(methodHooksFor(extractors, object("plain"), "sendFile"))).toEqual(["any", "send"]);
    expect(kinds(methodHooksFor(extractors, { kind: "string", value: "a" }, "split"))).toEqual(["any"]);
    expect(kinds(memberHooksFor(extractors, UNKNOWN))).toEqual(["any"]);
    // The same question again gets the same answer (the lists are kept).
    expect(kinds(methodHooksFor(extractors, object("app"), "sendFile"))).toEqual(["apps", "any", "send"]);
    expect(kinds(methodHooksFor(extractors, object("app"), "get"))).toEqual(["apps", "any"]);
  });
});

/** The extractor without `methodCalls`, `memberReads` and `callees`: its hooks are asked about every call and read. */
function undeclared(extractor: Extractor): Extractor {
  const copy: { -readonly [K in keyof Extractor]: Extractor[K] } = { ...extractor };
  delete copy.methodCalls;
  delete copy.memberReads;
  delete copy.callees;
  return copy;
}

describe("asking only the extractors that declare a value finds what asking all of them finds", () => {
  // The same analysis, its registry's extractors without the declarations: every hook is asked about everything.
  let askingAll: typeof Analyse.readCode;
  beforeAll(async () => {
    vi.resetModules();
    vi.doMock("../../src/facts/extractors/registry.js", async (importOriginal) => {
      const registry = await importOriginal<typeof Registry>();
      return { ...registry, EXTRACTORS: registry.EXTRACTORS.map(undeclared) };
    });
    askingAll = (await import("../../src/analyse.js")).readCode;
    vi.doUnmock("../../src/facts/extractors/registry.js");
  });

  it.each(fixtureProjects())("$name", ({ dir }) => {
    const { project } = readProject(dir, [path.join(dir, "compiled")]);
    if (!project) throw new Error(`${dir} did not read`);
    const declared = readCode(project, { everyModule: true });
    const all = askingAll(project, { everyModule: true });
    expect(declared.facts.facts).toEqual(all.facts.facts);
    expect(summarizeDiagnostics(declared.diagnostics)).toEqual(summarizeDiagnostics(all.diagnostics));
  });
});
