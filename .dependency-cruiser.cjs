/**
 * The layer check: each pipeline stage may import only earlier stages (and diagnostics/, util/,
 * generated/). The order is DESIGN §1: load < parse < annotations < facts < units < engine < plan
 * < transform/render/diagram < explain < write < cli. Only load/ and write/ may touch the disk.
 */
const stages = ["load", "parse", "annotations", "facts", "units", "engine", "plan", "transform", "render", "diagram", "explain", "write", "cli"];
const shared = ["diagnostics", "util", "generated"];

/** `src/<stage>/` may not import a later stage; peers at the same level (transform/render/diagram) may not import each other. */
function forwardOnly() {
  const level = (s) => (["transform", "render", "diagram"].includes(s) ? 7 : stages.indexOf(s) > 9 ? stages.indexOf(s) - 2 : stages.indexOf(s));
  return stages.map((stage) => ({
    name: `${stage}-imports-forward-only`,
    comment: `src/${stage}/ may import only earlier stages, ${shared.join("/")}`,
    severity: "error",
    from: { path: `^src/${stage}/` },
    to: {
      path: `^src/(${stages.filter((other) => other !== stage && level(other) >= level(stage)).join("|") || "__none__"})/`,
    },
  }));
}

module.exports = {
  forbidden: [
    ...forwardOnly(),
    {
      name: "shared-imports-no-stage",
      comment: "diagnostics/, util/ and generated/ sit below every stage",
      severity: "error",
      from: { path: `^src/(${shared.join("|")})/` },
      to: { path: `^src/(${stages.join("|")})/|^src/pipeline\\.ts$` },
    },
    {
      name: "only-edges-touch-the-disk",
      comment: "file system access belongs to load/ (reading) and write/ (writing); cli/ wires them",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(load|write|cli)/" },
      to: { path: "^(node:)?fs(/promises)?$", dependencyTypes: ["core"] },
    },
    {
      name: "pipeline-is-the-only-orchestrator",
      comment: "stages do not import the orchestrators (pipeline.ts, analyse.ts); only cli/ does",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(cli/|write/|pipeline\\.ts|analyse\\.ts)" },
      to: { path: "^src/(pipeline|analyse)\\.ts$" },
    },
    {
      name: "explain-stays-light",
      comment: "klotho explain runs the analysis only: it must not load the unit transform, the Pulumi renderer or the diagram (or the pipeline that loads them)",
      severity: "error",
      from: { path: "^src/(explain/|analyse\\.ts|cli/commands/explain\\.ts)" },
      to: { path: "^src/(transform/|render/|diagram/|pipeline\\.ts)", reachable: true },
    },
    {
      name: "no-circular",
      comment: "no import cycles, except through type-only imports (erased at run time)",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
