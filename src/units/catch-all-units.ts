import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact } from "../facts/index.js";
import type { Exposure } from "./exposure.js";
import type { Unit } from "./unit.js";

/** The exposures with the unit their catch-all routes go to, and what made that impossible. */
export interface CatchAllUnits {
  readonly exposures: Exposure[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The unit receiving a gateway's catch-all routes when klotho found none of its app's routes (a NestJS
 * global prefix it cannot read): the unit of the file the expose annotation is in, as always, when that
 * unit exists. When it does not (the app's files are shared by annotated units), the unit starting the
 * NestJS app (`startedBy`, nestAppStarters) that holds its controllers serves the app in full: a unit's
 * copy of the app leaves out the other units' controllers. When several units hold controllers, no one
 * unit can serve every request: an error at the annotation, `nestjs/catch-all-units`, naming them.
 */
export function catchAllUnits(exposures: readonly Exposure[], units: readonly Unit[], facts: readonly Fact[], unitOf: (file: string) => string, startedBy: (unit: string) => readonly Exposure[]): CatchAllUnits {
  const unitIds = new Set(units.map((unit) => unit.id));
  const controllerFiles = new Set(facts.flatMap((fact) => (fact.kind === "http_router" && fact.framework === "nestjs" ? [fact.range.file] : [])));
  const diagnostics: Diagnostic[] = [];
  const chosen = exposures.map((exposure) => {
    if (exposure.served.length > 0 || unitIds.has(unitOf(exposure.annotation.range.file))) return exposure;
    const starters = units.filter((unit) => startedBy(unit.id).includes(exposure));
    const withControllers = starters.filter((unit) => unit.owned.some((file) => controllerFiles.has(file)));
    const [first] = withControllers.length > 0 ? withControllers : starters;
    if (withControllers.length > 1) {
      diagnostics.push(createDiagnostic("nestjs/catch-all-units", { range: exposure.annotation.range }, withControllers.map((unit) => unit.id).join(", ")));
    }
    return first ? { ...exposure, catchAllUnit: first.id } : exposure;
  });
  return { exposures: chosen, diagnostics };
}
