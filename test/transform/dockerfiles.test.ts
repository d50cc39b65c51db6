// A user's Dockerfile annotated `# @klotho::execution_unit { id = "x" }` replaces the Dockerfile
// klotho writes for unit x: which annotations count, which Dockerfile each unit gets, and the
// located warnings for the others. (test/fixtures/runtime/user-dockerfile shows it end to end.)
import { describe, expect, it } from "vitest";
import type { ProjectTextFile } from "../../src/load/project.js";
import { isDockerfileName } from "../../src/load/project.js";
import { unitDockerfiles } from "../../src/units/index.js";
import { lines } from "../helpers/program.js";

interface DockerfileCase {
  readonly name: string;
  readonly files: readonly ProjectTextFile[];
  readonly units?: readonly string[];
  /** Unit → the path of the Dockerfile it gets. */
  readonly chosen: Readonly<Record<string, string>>;
  /** `code file:line:col message` */
  readonly diagnostics?: readonly string[];
}

const lambda = (...extra: string[]): string => lines("FROM public.ecr.aws/lambda/nodejs:22", ...extra, 'CMD [ "klotho_runtime/dispatcher.handler" ]', "");

const cases: DockerfileCase[] = [
  {
    name: "a one-line annotation anywhere in the file",
    files: [{ path: "Dockerfile", text: lambda("COPY . ./", '# @klotho::execution_unit { id = "api" }') }],
    chosen: { api: "Dockerfile" },
  },
  {
    name: "an indented annotation spread over consecutive comment lines, with CRLF line ends",
    files: [{ path: "docker/worker.Dockerfile", text: ["FROM node:22", "  # build for the worker", '  # @klotho::execution_unit {', '  #   id = "worker"', "  # }", "COPY . ."].join("\r\n") }],
    chosen: { worker: "docker/worker.Dockerfile" },
  },
  {
    name: "text that is not a comment line is not an annotation",
    files: [{ path: "Dockerfile", text: lambda(`RUN echo '# @klotho::execution_unit { id = "api" }'`) }],
    chosen: {},
  },
  {
    name: "a unit that does not exist is a warning at the id",
    files: [{ path: "Dockerfile", text: lambda('# @klotho::execution_unit { id = "apj" }') }],
    chosen: {},
    diagnostics: ["dockerfile/unknown-unit Dockerfile:2:34 This Dockerfile is for execution unit 'apj', which does not exist (units: api, worker); it is not used."],
  },
  {
    name: "the first Dockerfile (by path) of a unit wins; the next is a warning naming it",
    files: [
      { path: "a.Dockerfile", text: lambda('# @klotho::execution_unit { id = "api" }') },
      { path: "b/Dockerfile", text: lambda("# @klotho::execution_unit {", '#   id = "api"', "# }") },
    ],
    chosen: { api: "a.Dockerfile" },
    diagnostics: ["dockerfile/duplicate-unit b/Dockerfile:3:10 Execution unit 'api' already gets the Dockerfile a.Dockerfile:2:3; this one is not used."],
  },
  {
    name: "other capabilities are ignored with a warning; malformed ones are errors inside the comment",
    files: [
      { path: "Dockerfile", text: lambda('# @klotho::persist { id = "x" }', "", '# @klotho::execution_unit { id = "api" target = }', "", "# @klotho::cache") },
    ],
    chosen: {},
    diagnostics: [
      "dockerfile/unsupported-capability Dockerfile:2:3 Only @klotho::execution_unit { id = \"<unit>\" } is read in a Dockerfile; this @klotho::persist annotation is ignored.",
      "annotation/invalid-toml Dockerfile:4:49 Invalid TOML in the @klotho::execution_unit annotation: invalid value",
      "annotation/unknown-capability Dockerfile:6:3 Unknown annotation capability cache.",
    ],
  },
];

describe("Dockerfiles annotated with an execution unit", () => {
  it.each(cases)("$name", ({ files, units, chosen, diagnostics }) => {
    const result = unitDockerfiles(files, units ?? ["api", "worker"]);
    expect(Object.fromEntries([...result.byUnit].map(([unit, file]) => [unit, file.path]))).toEqual(chosen);
    const located = result.diagnostics.map((d) => `${d.code} ${d.range ? `${d.range.file}:${d.range.start.line}:${d.range.start.column + 1}` : "-"} ${d.message}`);
    expect(located).toEqual(diagnostics ?? []);
  });

  it("reads files named Dockerfile or <name>.Dockerfile", () => {
    const names = ["Dockerfile", "docker/Dockerfile", "api.Dockerfile", ".Dockerfile", "Dockerfile.dev", "dockerfile", "Dockerfile.md"];
    expect(names.filter(isDockerfileName)).toEqual(["Dockerfile", "docker/Dockerfile", "api.Dockerfile"]);
  });
});
