import type { Annotation } from "../annotations/index.js";
import type { SourceProgram } from "../parse/source-program.js";
import { compareStrings } from "../util/compare.js";
import type { HttpIndex } from "./app-routes.js";
import type { Exposure } from "./exposure.js";
import { importClosure } from "./ownership.js";

/** What finding the units that start a NestJS app needs to know about the program. */
export interface StarterContext {
  readonly owners: ReadonlyMap<string, Annotation>;
  readonly exposures: readonly Exposure[];
  /** Whether any exposure serves routes in a unit. */
  readonly servesRoutes: (unit: string) => boolean;
  readonly index: HttpIndex;
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly ownedBy: (file: string) => string | undefined;
  readonly routerUnitOf: (file: string) => string | undefined;
  readonly program: Pick<SourceProgram, "get">;
}

/**
 * The exposed NestJS apps each annotated unit starts without serving any of their routes, by unit id.
 * Nest runs a provider's or a module's code (`onModuleInit() { events.on(...) }`) only when it starts
 * the app, so a unit whose files the app's own files load (through its module graph) and which serves
 * none of the app's routes starts it too: it carries the app's files, as a unit serving its routes does,
 * and its entrypoint is the file that starts the app. The copies of the app's modules leave out the
 * other units' classes (foreign-registrations.ts), so it starts Nest with its own providers.
 */
export function nestAppStarters({ owners, exposures, servesRoutes, index, imports, ownedBy, routerUnitOf, program }: StarterContext): Map<string, Exposure[]> {
  const nestExposures = exposures.filter((exposure) => exposure.appIds.some((id) => index.objects.get(id)?.framework === "nestjs"));
  const starters = new Map<string, Exposure[]>();
  if (nestExposures.length === 0) return starters;
  const unitIds = [...new Set([...owners.values()].flatMap((annotation) => (annotation.id === undefined ? [] : [annotation.id])))].sort(compareStrings);
  for (const id of unitIds) {
    if (servesRoutes(id)) continue;
    // Only a unit owning a class Nest makes (a provider, a module, a controller): a file the app imports for a constant (`AUDIT_TOPIC`
    // from a worker's file) runs its top-level code when loaded, with no app to start.
    const owned = [...owners.entries()].filter(([file, annotation]) => annotation.id === id && declaresNestClass(file, program)).map(([file]) => file);
    const started = nestExposures.filter((exposure) => {
      const reached = new Set(importClosure(exposure.appFiles, imports, ownedBy, id, routerUnitOf));
      return owned.some((file) => reached.has(file));
    });
    if (started.length > 0) starters.set(id, started);
  }
  return starters;
}

/**
 * Whether a file declares a class Nest makes itself: a decorated class (`@Injectable()`, `@Module()`,
 * `@Controller()`, and the others Nest's packages give, `@Processor()`, `@WebSocketGateway()`, `@Resolver()`).
 */
function declaresNestClass(file: string, program: Pick<SourceProgram, "get">): boolean {
  const body = program.get(file)?.ast.program.body ?? [];
  return body.some((statement) => {
    const declaration = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? statement.declaration : statement;
    return declaration?.type === "ClassDeclaration" && (declaration.decorators ?? []).length > 0;
  });
}
