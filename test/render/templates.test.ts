// Conventions of the templates and renderers: every value reaches the program through an escaping
// filter, each cloud type has one renderer and one template, and every template is used.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTemplates } from "../../src/load/templates.js";
import { AWS_RENDERERS } from "../../src/render/aws/registry.js";
import { TEMPLATE_FILTERS } from "../../src/render/template-engine.js";
import { PROGRAM_DEPENDENCIES, PROGRAM_DEV_DEPENDENCIES } from "../../src/render/versions.js";
import { REPO } from "./programs.js";

const templates = readTemplates("aws");

describe("templates/aws", () => {
  it("are read by the load stage, sorted by name", () => {
    expect([...templates.keys()]).toEqual(readdirSync(path.join(REPO, "templates", "aws")).filter((f) => f.endsWith(".njk")).sort());
    expect(templates.size).toBeGreaterThan(10);
  });

  it.each([...templates.keys()])("%s ends every {{ }} with an escaping filter", (name) => {
    const text = templates.get(name) ?? "";
    const outputs = [...text.matchAll(/\{\{(.*?)\}\}/g)].map((m) => (m[1] ?? "").trim());
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const filter = /\|\s*([a-z]+)\s*$/.exec(output)?.[1];
      expect(TEMPLATE_FILTERS, `{{ ${output} }} in ${name}`).toContain(filter);
      if (filter === "verbatim") expect(name, "only program.njk pastes rendered blocks").toBe("program.njk");
    }
  });

  it("are each used by a renderer, the program, or an include", () => {
    const sources = readdirSync(path.join(REPO, "src", "render"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => readFileSync(path.join(REPO, "src", "render", f), "utf8"))
      .join("\n");
    const includes = [...templates.values()].join("\n");
    for (const name of templates.keys()) expect(sources.includes(`"${name}"`) || includes.includes(`"${name}"`), name).toBe(true);
  });
});

describe("the AWS renderers", () => {
  it("are one per cloud type of providers/aws/types.yaml, sorted, each with a description; only eks has none yet", () => {
    const types = [...readFileSync(path.join(REPO, "providers", "aws", "types.yaml"), "utf8").matchAll(/- type: (\w+)\n\s+kind: (\w+)/g)].map((m) => `${m[2] ?? ""}/${m[1] ?? ""}`);
    const rendered = AWS_RENDERERS.map((r) => `${r.meta.kind}/${r.meta.type}`);
    expect(rendered).toEqual([...rendered].sort());
    expect(types.filter((t) => !rendered.includes(t))).toEqual(["exec_unit/eks"]);
    expect(rendered.filter((t) => !types.includes(t))).toEqual([]);
    for (const renderer of AWS_RENDERERS) expect(renderer.meta.description.length, renderer.meta.type).toBeGreaterThan(10);
  });
});

describe("the program's dependencies", () => {
  it("are pinned to the versions installed here, which the tests type-check and run programs against", () => {
    for (const [name, version] of Object.entries({ ...PROGRAM_DEPENDENCIES, ...PROGRAM_DEV_DEPENDENCIES })) {
      const installed = JSON.parse(readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string };
      expect(installed.version, name).toBe(version);
    }
    expect(Object.keys(PROGRAM_DEPENDENCIES)).toEqual(["@pulumi/aws", "@pulumi/docker-build", "@pulumi/pulumi"]);
    expect(PROGRAM_DEPENDENCIES["@pulumi/aws"]).toMatch(/^7\./);
  });
});
