import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { projectResolver, type Fact } from "../facts/index.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { SourceProgram } from "../parse/source-program.js";
import { packageMainFile, type Project } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { relativePosix } from "../util/paths.js";
import { groupBy, pushTo } from "../util/lists.js";
import { indexHttp, routesOfApp, type ServedRoute } from "./app-routes.js";
import { factsBoundTo, persistedObjectIds } from "./bound-facts.js";
import { MAIN_UNIT, importClosure, nearestOwner, ownersByAnnotation } from "./ownership.js";
import { entryPointsOfMain } from "./entry-points.js";
import { isGeneratedUnitPath } from "./generated-paths.js";
import { staticFilesNotDeployed } from "./express-static.js";
import { unitDockerfiles } from "./dockerfiles.js";
import { routeMessages } from "./messages.js";
import { missingAwaits } from "./kv-await.js";
import { carryNextApps } from "./next-apps.js";
import { preflightRoutes } from "./preflight.js";
import { placeProjectFiles } from "./project-files.js";
import { routerFileUnits, type ControllerImports } from "./router-files.js";
import { nestAppStarters } from "./nest-starters.js";
import { catchAllUnits } from "./catch-all-units.js";
import { handlerCallWarnings } from "./handler-call-warnings.js";
import { migrationScripts } from "./migration-scripts.js";
import { unitFolderConflicts } from "./unit-folders.js";
import { attributeTopicUses, fileOfUse, findTopicServices, type TopicService } from "./pubsub.js";
import type { StaticUnit } from "./static-units.js";
import type { Unit } from "./unit.js";
import type { Exposure } from "./exposure.js";

export type { Unit } from "./unit.js";
export type { ServedRoute } from "./app-routes.js";
export type { Exposure } from "./exposure.js";
export type { ListenerHome, ListenerHomes, Topic, TopicService, TopicUse } from "./pubsub.js";
export type { StaticUnit } from "./static-units.js";
export { factsBoundTo, persistedObjectIds } from "./bound-facts.js";
export { MAIN_UNIT } from "./ownership.js";
export { unitDockerfiles, type UnitDockerfiles } from "./dockerfiles.js";
export { listenerHomes } from "./pubsub.js";

/** The execution units, who owns each file, and what each gateway serves. */
export interface UnitsResult {
  readonly units: readonly Unit[];
  /** The unit a file's routes and annotations belong to: its owner, else `main` (DESIGN §4 rule 2). */
  readonly unitOf: (file: string) => string;
  /**
   * The units that run a file's code, to which its uses of stores and emitters are attributed: its
   * owner; else every unit whose folder holds it (a data-access module shared by units); else `main`.
   */
  readonly unitsOf: (file: string) => readonly string[];
  readonly exposures: readonly Exposure[];
  /** The `@klotho::pubsub` annotations with their emitters' topics, publishers and subscribers. */
  readonly topicServices: readonly TopicService[];
  /** The `@klotho::static_unit` annotations with the files each serves. */
  readonly staticUnits: readonly StaticUnit[];
  /** Progress lines about routers and routes, then embedded assets and Next.js app files, then the users' Dockerfiles, in a stable order. */
  readonly progress: readonly string[];
  /** Problems found matching annotations to the code and files: dropped kv promises, dynamic topics, globs matching nothing, Dockerfiles for no unit. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Splits the program into execution units (DESIGN §4) and attributes routes and uses to them. */
export function assignUnits(project: Project, annotations: readonly Annotation[], facts: readonly Fact[], imports: ReadonlyMap<string, readonly string[]>, program: Pick<SourceProgram, "get">): UnitsResult {
  const owners = ownersByAnnotation(annotations);
  const ownedBy = (file: string): string | undefined => owners.get(file)?.id;
  const unitOf = (file: string): string => ownedBy(file) ?? MAIN_UNIT;
  const index = indexHttp(facts);
  const exposures = annotations
    .filter((a) => a.capability === "expose")
    .map((annotation) => exposureOf(annotation, facts, index, ownedBy));
  const pubsub = findTopicServices(annotations, facts);
  // The unit serving the routes of an unowned router file (main's routers), which other units stand in for.
  const routerUnits = routerFileUnits(exposures, facts, ownedBy, program, controllerImports(project, imports, [...exposures.flatMap((e) => e.appFiles), ...owners.keys()]));
  const routerUnitOf = (file: string): string | undefined => routerUnits.get(file);
  const servedByUnits = servedByUnit(exposures);
  const starters = nestAppStarters({ owners, exposures, servesRoutes: (unit) => servedByUnits.has(unit), index, imports, ownedBy, routerUnitOf, program });
  const startedBy = (unit: string): readonly Exposure[] => starters.get(unit) ?? [];
  const context: UnitContext = { owners, exposures, servedBy: (unit) => servedByUnits.get(unit) ?? [], startedBy, mainEntries: [], imports, ownedBy, routerUnitOf, project, sourceFiles: new Set(project.files.map((f) => f.path)) };
  // The annotated units first: a use in an unowned file their own code imports is theirs; only a use no unit runs makes `main` run its file.
  const explicit = [...new Set([...owners.values()].map((a) => a.id ?? MAIN_UNIT))].sort(compareStrings).map((id) => buildUnit(id, context));
  const explicitReach = ownReach(explicit, imports, ownedBy);
  // The gateway's app files (the app's creation, its listen) run in every unit serving its routes: a store use
  // there (`cache.connect().then(() => app.listen())`) is theirs, and makes no `main` of its own when they are
  // all annotated units. A listener there still makes `main` its home, heard once per event (DESIGN §4).
  const gatewayUnits = gatewayFileUnits(exposures, starters);
  const mainEntries = owners.size === 0 ? entryPointsOfMain(project, annotations) : mainFiles({ annotations, facts, exposures, pubsub, explicitReach, gatewayUnits, ownedBy });
  const implicitMain = mainEntries.length > 0 && !explicit.some((unit) => unit.id === MAIN_UNIT);
  const built = implicitMain ? [...explicit, buildUnit(MAIN_UNIT, { ...context, mainEntries })].sort((a, b) => compareStrings(a.id, b.id)) : explicit;
  const { units: placedUnits, staticUnits, ...placed } = placeProjectFiles(project, annotations, facts, built, ownedBy, imports);
  const next = carryNextApps(project, facts, placedUnits, program);
  const units = next.units;
  const dockerfiles = unitDockerfiles(project.dockerfiles ?? [], units.map((u) => u.id));
  const dockerfileLines = [...dockerfiles.byUnit].sort(([a], [b]) => compareStrings(a, b)).map(([unit, file]) => `Using Dockerfile '${file.path}' for unit '${unit}'`);
  const progress = [...routeMessages(exposures, units, ownedBy), ...placed.progress, ...next.progress, ...dockerfileLines];
  const catchAll = catchAllUnits(exposures, units, facts, unitOf, startedBy);
  const diagnostics = [
    ...catchAll.diagnostics,
    ...unitWarnings(project, annotations, facts, exposures, units, ownedBy),
    ...pubsub.diagnostics,
    ...placed.diagnostics,
    ...next.diagnostics,
    ...dockerfiles.diagnostics,
  ];
  const reach = new Map([...explicitReach, ...ownReach(units.filter((unit) => !explicitReach.has(unit.id)), imports, ownedBy)]);
  const { unitsOf, listenerUnitOf } = runningUnits(units, reach, middlewareUnits(exposures, facts, gatewayUnits), ownedBy);
  const topicServices = attributeTopicUses(pubsub.services, unitsOf, listenerUnitOf);
  return { units, unitOf, unitsOf, exposures: catchAll.exposures, topicServices, staticUnits, progress, diagnostics };
}

/** What `mainFiles` decides from. */
interface MainFileInput {
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly exposures: readonly Exposure[];
  readonly pubsub: ReturnType<typeof findTopicServices>;
  /** Each annotated unit's files and the files its own code imports. */
  readonly explicitReach: ReadonlyMap<string, ReadonlySet<string>>;
  /** The units serving each gateway app file's routes. */
  readonly gatewayUnits: ReadonlyMap<string, ReadonlySet<string>>;
  readonly ownedBy: (file: string) => string | undefined;
}

/**
 * The files importing each file among those a unit may run (the ones the gateways' app files and the
 * annotated files reach: not a test importing a controller), found when first asked, and the project's
 * resolver, made when first used.
 */
function controllerImports(project: Project, imports: ReadonlyMap<string, readonly string[]>, roots: Iterable<string>): ControllerImports {
  let importers: Map<string, string[]> | undefined;
  let resolver: ImportResolver | undefined;
  return {
    importers: (file) => {
      if (!importers) {
        importers = new Map();
        const runnable = new Set(roots);
        for (const from of runnable) for (const target of imports.get(from) ?? []) runnable.add(target);
        for (const from of runnable) for (const target of imports.get(from) ?? []) pushTo(importers, target, from);
      }
      return importers.get(file) ?? [];
    },
    resolve: (...args) => (resolver ??= projectResolver(project))(...args),
  };
}

/**
 * The files `main` runs when some files are annotated units (DESIGN §4): those serving routes no annotated
 * unit serves, and the unowned files using a persisted store or an exported topic that no annotated unit runs,
 * its own code importing them or (for a store) it serving the gateway app file they are.
 */
function mainFiles({ annotations, facts, exposures, pubsub, explicitReach, gatewayUnits, ownedBy }: MainFileInput): string[] {
  const files = new Set(exposures.flatMap((exposure) => exposure.served.filter((route) => route.unit === MAIN_UNIT).map((route) => route.file)));
  const unowned = (file: string): boolean => ownedBy(file) === undefined && ![...explicitReach.values()].some((reach) => reach.has(file));
  const servedByExplicit = (file: string): boolean => [...(gatewayUnits.get(file) ?? [])].some((unit) => explicitReach.has(unit));
  for (const file of usesOfPersistedObjects(annotations, facts)) if (unowned(file) && !servedByExplicit(file)) files.add(file);
  for (const file of pubsub.services.filter((s) => s.exported).flatMap((s) => s.uses.map(fileOfUse))) if (unowned(file)) files.add(file);
  return [...files].sort(compareStrings);
}

/** Warnings about the units' code and files that need no more than the units: handlers in other units, unawaited stores, folder conflicts, static files, migration scripts. */
function unitWarnings(project: Project, annotations: readonly Annotation[], facts: readonly Fact[], exposures: readonly Exposure[], units: readonly Unit[], ownedBy: (file: string) => string | undefined): Diagnostic[] {
  return [
    ...handlerCallWarnings(exposures, units, ownedBy),
    ...missingAwaits(annotations, facts),
    ...unitFolderConflicts(units, annotations),
    ...staticFilesNotDeployed(facts, exposures),
    ...migrationScripts(project, facts),
  ];
}

/**
 * Which units run a file, and which one hears its listeners. A file runs in its owner and in every unit whose
 * own code imports it (`reach`: another unit's file imported directly, a NestJS provider or a helper, is
 * carried and run there, with the stores it uses), and in every unit serving an app whose middleware or app
 * file it is (`middleware`); a file no unit runs is `main`'s. Its listeners are heard in one unit: its owner;
 * else `main`, when main runs it; else the first unit that does.
 */
function runningUnits(
  units: readonly Unit[],
  reach: ReadonlyMap<string, ReadonlySet<string>>,
  middleware: ReadonlyMap<string, ReadonlySet<string>>,
  ownedBy: (file: string) => string | undefined,
): Pick<UnitsResult, "unitsOf"> & { readonly listenerUnitOf: (file: string) => string | undefined } {
  // Asked for every use of a store or emitter: each file's answer is worked out once.
  const known = new Map<string, readonly string[]>();
  const unitsOf = (file: string): readonly string[] => {
    const cached = known.get(file);
    if (cached) return cached;
    const owner = ownedBy(file);
    const running = units.filter((unit) => unit.id !== owner && (reach.get(unit.id)?.has(file) === true || middleware.get(file)?.has(unit.id) === true)).map((unit) => unit.id);
    const answer = owner !== undefined ? [owner, ...running] : running.length > 0 ? running : [MAIN_UNIT];
    known.set(file, answer);
    return answer;
  };
  const listenerUnitOf = (file: string): string | undefined => {
    const running = unitsOf(file);
    const hearing = ownedBy(file) ?? (running.includes(MAIN_UNIT) ? MAIN_UNIT : running[0]);
    return units.some((unit) => unit.id === hearing) ? hearing : undefined;
  };
  return { unitsOf, listenerUnitOf };
}

/** The files of each exposed app (its creation and its listen), with the units serving its routes and those starting it (nestAppStarters). */
function gatewayFileUnits(exposures: readonly Exposure[], starters: ReadonlyMap<string, readonly Exposure[]>): Map<string, Set<string>> {
  const units = new Map<string, Set<string>>();
  for (const exposure of exposures) {
    for (const file of exposure.appFiles) addAll(units, file, exposure.served.map((route) => route.unit));
  }
  for (const [unit, started] of starters) for (const exposure of started) for (const file of exposure.appFiles) addAll(units, file, [unit]);
  return units;
}

/**
 * The files every unit serving an exposed app's routes runs, with those units: the app's own files
 * (`gatewayFiles`) and the files holding its own middleware (`app.use(audit)`). Every request a unit
 * serves goes through them, so each of those units runs their code (its store uses, its clients) though
 * it carries them only with the gateway's app file.
 */
function middlewareUnits(exposures: readonly Exposure[], facts: readonly Fact[], gatewayFiles: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const units = new Map<string, Set<string>>();
  for (const [file, serving] of gatewayFiles) addAll(units, file, serving);
  for (const exposure of exposures) {
    const serving = exposure.served.map((route) => route.unit);
    for (const fact of facts) if (fact.kind === "http_middleware" && exposure.appIds.includes(fact.parent)) addAll(units, fact.file, serving);
  }
  return units;
}

/** Adds `values` to the set of `key`, made on first use. */
function addAll(sets: Map<string, Set<string>>, key: string, values: Iterable<string>): void {
  const set = sets.get(key) ?? new Set<string>();
  for (const value of values) set.add(value);
  sets.set(key, set);
}

/**
 * The files each unit's own code runs, by unit id: what its owned files import, directly or not, but not
 * what it merely carries with the gateway's app file (whose routers serve other units' routes); for
 * the implicit `main`, its whole folder.
 */
function ownReach(units: readonly Unit[], imports: ReadonlyMap<string, readonly string[]>, ownedBy: (file: string) => string | undefined): Map<string, ReadonlySet<string>> {
  return new Map(units.map((unit) => [unit.id, new Set(unit.origin === "implicit" ? unit.files : importClosure(unit.owned, imports, ownedBy, unit.id))]));
}

/**
 * The routes an expose annotation's app serves, each with the unit that serves it: the owner of its file;
 * else of the nearest router file it is mounted through (a unit's router serves what it mounts); else of
 * the file making the app, or the one starting it (a unit's server serves what it mounts); else of the
 * file of the function answering it; else `main`.
 */
function exposureOf(annotation: Annotation, facts: readonly Fact[], index: ReturnType<typeof indexHttp>, ownedBy: (file: string) => string | undefined): Exposure {
  const listens = factsBoundTo(annotation, facts).filter((f) => f.kind === "http_listen");
  const appIds = [...new Set(listens.map((f) => f.app))].sort(compareStrings);
  const walk = appIds.map((id) => routesOfApp(id, index, [...new Set(listens.filter((f) => f.app === id).map((f) => f.range.file))].sort(compareStrings)));
  // A route no unit's file registers or mounts, answered by a function another unit's file exports
  // (`app.post("/hook", billing.handler)`, a controller of an MVC layout), is that unit's: its code answers.
  const servingUnit = (route: ServedRoute): string => nearestOwner([...route.ownerChain, route.file], ownedBy) ?? (route.handler !== undefined ? ownedBy(route.handler) : undefined) ?? MAIN_UNIT;
  const walked = walk.flatMap((w) => w.routes.map((route) => ({ ...route, unit: servingUnit(route) })));
  const served = [...walked, ...preflightRoutes(walked, facts, appIds)];
  const appFiles = new Set<string>(listens.map((f) => f.range.file));
  for (const id of appIds) {
    const app = index.objects.get(id);
    if (app) appFiles.add(app.range.file);
  }
  return { annotation, appIds, appFiles: [...appFiles].sort(compareStrings), served, walk };
}

/** Files where a persisted Map or redis client is used (`store.set`, `client.get`, ...). */
function usesOfPersistedObjects(annotations: readonly Annotation[], facts: readonly Fact[]): string[] {
  const persisted = persistedObjectIds(annotations, facts);
  return facts.filter((f) => f.kind === "object_use" && persisted.has(f.target)).map((f) => f.range.file);
}

/** What building each unit needs to know about the whole program. */
interface UnitContext {
  readonly owners: ReadonlyMap<string, Annotation>;
  readonly exposures: readonly Exposure[];
  /** The exposures serving routes in a unit, each with those routes (servedByUnit). */
  readonly servedBy: (unit: string) => readonly ServedRoutes[];
  /** The NestJS apps a unit starts without serving their routes (nestAppStarters). */
  readonly startedBy: (unit: string) => readonly Exposure[];
  readonly mainEntries: readonly string[];
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly ownedBy: (file: string) => string | undefined;
  /** The unit serving the routes of an unowned router file, when one does (routerFileUnits). */
  readonly routerUnitOf: (file: string) => string | undefined;
  readonly project: Project;
  /** The project's source files, for membership tests. */
  readonly sourceFiles: ReadonlySet<string>;
}

/** An exposure serving routes in a unit, and those of its routes. */
interface ServedRoutes {
  readonly exposure: Exposure;
  readonly routes: Exposure["served"];
}

/**
 * For each unit, the exposures serving routes in it, each with those routes, in the exposures' order
 * and their routes': grouped once, as each unit looking through every route made the units stage
 * grow with units × routes.
 */
function servedByUnit(exposures: readonly Exposure[]): Map<string, ServedRoutes[]> {
  const served = exposures.flatMap((exposure) => [...groupBy(exposure.served, (route) => route.unit)].map(([unit, routes]) => ({ unit, exposure, routes })));
  return groupBy(served, (entry) => entry.unit);
}

function buildUnit(id: string, { owners, exposures, servedBy, startedBy, mainEntries, imports, ownedBy, routerUnitOf, project, sourceFiles }: UnitContext): Unit {
  const annotation = [...owners.values()].find((a) => a.id === id);
  const owned = (id === MAIN_UNIT && !annotation ? [...mainEntries] : [...owners.entries()].filter(([, a]) => a.id === id).map(([file]) => file)).sort(compareStrings);
  const servedHere = servedBy(id);
  const served = servedHere.map((entry) => entry.exposure);
  // A unit starting a NestJS app without serving its routes runs the app's files as one serving them does.
  const started = [...served, ...startedBy(id)];
  const appFiles = started.flatMap((e) => e.appFiles);
  // The routers its routes are mounted through, and the files of their handlers (`payments.verifySignature` on a
  // route of the gateway's app file), whichever unit owns them: without them the app could not reach or answer its routes.
  const own = servedHere.flatMap((entry) => entry.routes);
  const through = own.flatMap((route) => [...route.through, ...(route.uses ?? [])]);
  const roots = [...new Set([...owned, ...appFiles, ...through])];
  const closure = importClosure(roots, imports, ownedBy, id, routerUnitOf);
  const files = closure.filter((f) => sourceFiles.has(f));
  // JSON modules the code requires or imports travel with it, as files copied at their project paths;
  // but for the project's own package.json, whose place the unit's package.json (same version) takes,
  // and any other file at a path where klotho writes its own (klotho_runtime/).
  const manifest = relativePosix(project.root, project.packageJson.path);
  const data = closure.filter((f) => !sourceFiles.has(f) && f !== manifest && !isGeneratedUnitPath(f));
  // The program's own entry (package.json main) for the one implicit unit, else the file that exposes the unit's routes.
  const implicitOnly = id === MAIN_UNIT && owners.size === 0;
  const exposingFiles = (implicitOnly ? exposures : started).map((e) => e.annotation.range.file).sort(compareStrings);
  const programMain = implicitOnly ? packageMainFile(project) : undefined;
  // ... but only a main that loads the annotated listen: one that merely exports the app would never serve it.
  const mainListens = programMain !== undefined && exposingFiles.every((file) => importClosure([programMain], imports, ownedBy, id).includes(file));
  const entrypoint = (mainListens ? programMain : undefined) ?? exposingFiles[0] ?? owned[0] ?? files[0] ?? "";
  const ownedSorted = id === MAIN_UNIT ? files.filter((f) => ownedBy(f) === undefined) : owned;
  return {
    id,
    origin: annotation ? "annotation" : "implicit",
    entrypoint,
    owned: ownedSorted,
    files,
    ...(data.length > 0 ? { assets: data } : {}),
    ...(annotation ? { range: annotation.range } : {}),
  };
}
