import path from "node:path";
import { isVersionMap } from "../util/dependency-maps.js";
import type { NestedPackage, Project } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { displayPath } from "../util/paths.js";
import type { Resource } from "../plan/index.js";

/** The AWS SDK client each runtime module loads, pinned to the version it is tested with (runtime/README.md). */
const RUNTIME_DEPENDENCIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  keyvalue: { "@aws-sdk/client-dynamodb": "3.1169.0" },
  fs: { "@aws-sdk/client-s3": "3.1175.0" },
  secrets: { "@aws-sdk/client-secrets-manager": "3.1164.0" },
  emitter: { "@aws-sdk/client-sns": "3.1169.0" },
};

/**
 * The unit's package.json: its {@link unitDependencies} and the user's module type, so the copied
 * code runs as it does locally.
 */
export function unitPackageJson(project: Project, app: string, unit: Resource, runtimeModules: ReadonlySet<string>): string {
  const manifest = project.packageJson.data;
  const document = {
    name: `${app}-${unit.name}`.toLowerCase().replace(/[^a-z0-9._-]/g, "-"),
    version: typeof manifest["version"] === "string" ? manifest["version"] : "0.0.0",
    private: true,
    ...(manifest["type"] === "module" ? { type: "module" } : {}),
    dependencies: unitDependencies(project, unit, runtimeModules),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * What the unit's image installs, sorted by name: the user's dependencies (no devDependencies) plus the AWS SDK clients
 * of the runtime modules its rewritten code loads. In a project with package.json files in its folders (a workspace run from
 * its root), the dependencies of those that hold the unit's files are the unit's too, as npm installs
 * them once, at the unit's root; but for the packages the workspace declares, which are copied into
 * the unit like its other files, or are outside the compiled folder and so neither copied nor installed. A dependency several manifests give takes the version of the first
 * in {@link unitManifests}' order.
 */
export function unitDependencies(project: Project, unit: Resource, runtimeModules: ReadonlySet<string>): Record<string, string> {
  // The workspace's declared packages are project folders, copied with the code that imports them: not for npm to fetch.
  // Those outside the compiled folder are not copied, and not npm's either: `*` or `workspace:*` would install whatever
  // public package has the name (facts/workspace-package-outside). Another folder's package.json named like a dependency
  // (an example named "express") leaves that dependency to npm.
  const workspace = new Set<unknown>([...(project.packages ?? []).filter((p) => p.workspace).map((p) => p.data["name"]), ...(project.outsidePackages ?? []).map((p) => p.name)]);
  const dependencies: Record<string, string> = {};
  for (const { data } of unitManifests(project, unit)) {
    if (!isVersionMap(data["dependencies"])) continue;
    for (const [name, version] of Object.entries(data["dependencies"])) if (!workspace.has(name)) dependencies[name] ??= version;
  }
  for (const module of runtimeModules) Object.assign(dependencies, RUNTIME_DEPENDENCIES[module] ?? {});
  return Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => compareStrings(a, b)));
}

/** A package.json a unit's dependencies come from: its path as the user knows it (project-relative) and its contents. */
export interface UnitManifest {
  readonly file: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The manifests a unit's dependencies come from, in the order a version is taken (the first that
 * declares the dependency gives it). First those of the folders holding the unit's entrypoint,
 * nearest first, then the project's own package.json: the folders whose `node_modules` Node
 * searches, nearest first, when the entrypoint's code loads a package, and so the version npm
 * would install for that code. Then those of the other folders holding the unit's files, deepest
 * first (then by path): their code's own versions, for dependencies the entrypoint's folders do not
 * declare. A unit has one `node_modules`, so a file in a deeper folder declaring another version
 * (a vendored copy, a sibling workspace package) gets the entrypoint's.
 */
export function unitManifests(project: Project, unit: Resource): UnitManifest[] {
  const packages = unitPackages(project, unit);
  const entrypoint = unit.entrypoint;
  const holdsEntrypoint = (p: NestedPackage): boolean => entrypoint !== undefined && entrypoint.startsWith(`${p.dir}/`);
  const nested = (p: NestedPackage): UnitManifest => ({ file: `${p.dir}/package.json`, data: p.data });
  const own = { file: displayPath(project.root, project.packageJson.path), data: project.packageJson.data };
  return [...packages.filter(holdsEntrypoint).map(nested), own, ...packages.filter((p) => !holdsEntrypoint(p)).map(nested)];
}

/**
 * The project's package.json files below its root that hold some of the unit's files or assets, deepest
 * folder first: copied into the unit at their paths, so Node reads each folder's `type` as it does locally.
 */
export function unitPackages(project: Project, unit: Resource): NestedPackage[] {
  const byDir = new Map((project.packages ?? []).map((p) => [p.dir, p]));
  if (byDir.size === 0) return [];
  const found = new Set<NestedPackage>();
  for (const file of [...(unit.files ?? []), ...(unit.assets ?? [])]) {
    for (let dir = path.posix.dirname(file); dir !== "."; dir = path.posix.dirname(dir)) {
      const nested = byDir.get(dir);
      if (nested) found.add(nested);
    }
  }
  return [...found].sort((a, b) => b.dir.split("/").length - a.dir.split("/").length || compareStrings(a.dir, b.dir));
}

/** How a unit's image is built beyond its kind: several entry files, extra build steps, a database's CA. */
export interface DockerfileOptions {
  readonly loadsOthers?: boolean;
  /** `RUN` lines after the unit's files are copied in (`prisma generate`). */
  readonly buildSteps?: readonly string[];
  /** The unit connects to an RDS database, which takes TLS connections only. */
  readonly databaseTls?: boolean;
}

/** The CA bundle of Amazon's services, RDS included, that the Lambda Node.js images ship (Node does not load it unless told). */
const LAMBDA_CA_BUNDLE = "/var/runtime/ca-cert.pem";
/** Where a container image keeps the RDS CA bundle, which node:22-slim lacks. */
const RDS_CA_BUNDLE = "/etc/ssl/certs/rds-global-bundle.pem";
/** Amazon's bundle of the RDS certificate authorities of every commercial region. */
const RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";

/**
 * For a unit that connects to an RDS database: its image trusts the RDS CAs (NODE_EXTRA_CA_CERTS adds
 * a file to Node's CAs; libpq reads PGSSLROOTCERT), and PGSSLMODE=verify-full makes pg (and libpq)
 * connect with TLS, verified, where the code sets no `ssl` (a client wired by `[environment_variables]`).
 */
function databaseTlsLines(unit: Resource): string[] {
  const bundle = unit.type === "lambda" ? LAMBDA_CA_BUNDLE : RDS_CA_BUNDLE;
  return [
    "# The RDS database takes TLS connections only: trust its CAs, and connect pg and libpq with TLS, verified.",
    ...(unit.type === "lambda" ? [] : [`ADD ${RDS_CA_BUNDLE_URL} ${RDS_CA_BUNDLE}`]),
    `ENV NODE_EXTRA_CA_CERTS=${bundle} PGSSLROOTCERT=${bundle} PGSSLMODE=verify-full`,
  ];
}

/**
 * The unit's Dockerfile: a Lambda Node.js 22 image calling the dispatcher, or a Node image running
 * the app. Both run with NODE_ENV=production (Lambda sets no NODE_ENV of its own): Express then
 * answers an error with its status text rather than the stack trace and file paths, and
 * `next({ dev: process.env.NODE_ENV !== "production" })` or a config keyed by NODE_ENV picks its
 * production branch, as a deployed app expects; klotho.yaml's environment_variables can still set
 * another. A container unit whose code is in several annotated files (`loadsOthers`) starts through
 * the runtime's start.js, which runs the entrypoint and then the others, as the dispatcher does. A
 * unit using an RDS database trusts its certificate authorities (`databaseTls`).
 */
export function unitDockerfile(unit: Resource, entrypoint: string, { loadsOthers = false, buildSteps = [], databaseTls = false }: DockerfileOptions = {}): string {
  const tls = databaseTls ? databaseTlsLines(unit) : [];
  if (unit.type === "lambda") {
    return [
      "FROM public.ecr.aws/lambda/nodejs:22",
      "ENV NODE_ENV=production",
      ...tls,
      "COPY package.json ./",
      "RUN npm install --omit=dev --no-audit --no-fund",
      "COPY . ./",
      ...buildSteps,
      'CMD [ "klotho_runtime/dispatcher.handler" ]',
      "",
    ].join("\n");
  }
  return [
    "FROM node:22-slim",
    "WORKDIR /app",
    "ENV NODE_ENV=production PORT=3000",
    ...tls,
    "COPY package.json ./",
    "RUN npm install --omit=dev --no-audit --no-fund",
    "COPY . ./",
    ...buildSteps,
    "EXPOSE 3000",
    `CMD [ "node", ${JSON.stringify(loadsOthers ? "klotho_runtime/start.js" : entrypoint)} ]`,
    "",
  ].join("\n");
}
