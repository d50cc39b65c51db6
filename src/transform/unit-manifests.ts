import type { Project } from "../load/project.js";
import type { Plan, Resource } from "../plan/index.js";

/** AWS SDK clients the runtime needs for each kind of store a unit uses, pinned to tested versions. */
const RUNTIME_DEPENDENCIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  persist_kv: { "@aws-sdk/client-dynamodb": "3.1169.0" },
  persist_fs: { "@aws-sdk/client-s3": "3.1175.0" },
  persist_secret: { "@aws-sdk/client-secrets-manager": "3.1164.0" },
  pubsub: { "@aws-sdk/client-sns": "3.1169.0" },
};

/** The kinds of the resources a unit has edges to (stores it uses, topics it publishes to or hears). */
export function connectedKinds(plan: Plan, unit: Resource): Set<string> {
  const kinds = new Set<string>();
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  for (const edge of plan.edges) {
    const other = edge.source === unit.id ? edge.target : edge.target === unit.id ? edge.source : undefined;
    const kind = other === undefined ? undefined : byId.get(other)?.kind;
    if (kind !== undefined) kinds.add(kind);
  }
  return kinds;
}

/**
 * The unit's package.json: the user's dependencies (no devDependencies) plus the runtime's, and
 * the user's module type, so the copied code runs as it does locally.
 */
export function unitPackageJson(project: Project, app: string, unit: Resource, kinds: ReadonlySet<string>): string {
  const manifest = project.packageJson.data;
  const userDependencies = isStringRecord(manifest["dependencies"]) ? manifest["dependencies"] : {};
  const dependencies: Record<string, string> = { ...userDependencies };
  for (const kind of [...kinds].sort()) Object.assign(dependencies, RUNTIME_DEPENDENCIES[kind] ?? {});
  const sorted = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const document = {
    name: `${app}-${unit.name}`.toLowerCase().replace(/[^a-z0-9._-]/g, "-"),
    version: typeof manifest["version"] === "string" ? manifest["version"] : "0.0.0",
    private: true,
    ...(manifest["type"] === "module" ? { type: "module" } : {}),
    dependencies: sorted,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && Object.values(value).every((v) => typeof v === "string");
}

/** The unit's Dockerfile: a Lambda Node.js 20 image calling the dispatcher, or a Node image running the app. */
export function unitDockerfile(unit: Resource, entrypoint: string): string {
  if (unit.type === "lambda") {
    return [
      "FROM public.ecr.aws/lambda/nodejs:20",
      "COPY package.json ./",
      "RUN npm install --omit=dev --no-audit --no-fund",
      "COPY . ./",
      'CMD [ "klotho_runtime/dispatcher.handler" ]',
      "",
    ].join("\n");
  }
  return [
    "FROM node:20-slim",
    "WORKDIR /app",
    "ENV NODE_ENV=production PORT=3000",
    "COPY package.json ./",
    "RUN npm install --omit=dev --no-audit --no-fund",
    "COPY . ./",
    "EXPOSE 3000",
    `CMD [ "node", ${JSON.stringify(entrypoint)} ]`,
    "",
  ].join("\n");
}
