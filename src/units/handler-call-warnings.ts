import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Exposure } from "./exposure.js";
import type { Unit } from "./unit.js";

/**
 * A warning for each call in a route's handler handing the request to a function of another unit's file
 * that the unit serving the route does not carry (http_route's `calls`): there the function is a stand-in
 * doing nothing, where the user expects it to answer. A call that is the handler's whole work gave the
 * route to that unit already (its file is the route's `handler`), and is not among them.
 */
export function handlerCallWarnings(exposures: readonly Exposure[], units: readonly Unit[], ownedBy: (file: string) => string | undefined): Diagnostic[] {
  const carried = new Map(units.map((unit) => [unit.id, new Set(unit.files)]));
  const warned = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const route of exposures.flatMap((exposure) => exposure.served)) {
    for (const call of route.calls ?? []) {
      const owner = ownedBy(call.file);
      if (owner === undefined || owner === route.unit || carried.get(route.unit)?.has(call.file) === true) continue;
      const key = `${route.method} ${route.path} ${call.range.file}:${call.range.start.offset}`;
      if (warned.has(key)) continue;
      warned.add(key);
      diagnostics.push(createDiagnostic("execution-unit/handler-in-other-unit", { range: call.range }, `${route.method} ${route.path}`, call.file, owner, route.unit));
    }
  }
  return diagnostics;
}
