import type { Annotation } from "../annotations/index.js";

/** The default unit: code outside every `@klotho::execution_unit` file. */
export const MAIN_UNIT = "main";

/** Which unit each annotated file belongs to (DESIGN §4 rule 2). */
export function ownersByAnnotation(annotations: readonly Annotation[]): Map<string, Annotation> {
  const owners = new Map<string, Annotation>();
  for (const annotation of annotations) {
    if (annotation.capability !== "execution_unit" || annotation.id === undefined) continue;
    if (!owners.has(annotation.range.file)) owners.set(annotation.range.file, annotation);
  }
  return owners;
}

/**
 * Files reachable from `roots` through imports. Files owned by another unit are entered only
 * from this unit's own code: reached from a shared file (the gateway's app file) they are the
 * other units' routers, whose mounts the unit's copy drops. So are the unowned router files whose
 * routes another unit serves (`routerUnitOf`, see routerFileUnits): `main`'s routers, in an annotated unit.
 */
export function importClosure(
  roots: readonly string[],
  imports: ReadonlyMap<string, readonly string[]>,
  unitOfOwned: (file: string) => string | undefined,
  unit: string,
  routerUnitOf: (file: string) => string | undefined = () => undefined,
): string[] {
  // A file reached from a shared file first is visited again when the unit's own code reaches it (through a
  // barrel both import): from there it enters the other units' files the first visit left out.
  const seen = new Map<string, boolean>();
  const stack = roots.map((file) => ({ file, fromOwn: unitOfOwned(file) === unit }));
  while (stack.length > 0) {
    const { file, fromOwn } = stack.pop() as { file: string; fromOwn: boolean };
    const before = seen.get(file);
    if (before === true || (before === false && !fromOwn)) continue;
    seen.set(file, fromOwn);
    for (const target of imports.get(file) ?? []) {
      const owner = unitOfOwned(target);
      const elsewhere = owner ?? routerUnitOf(target);
      if (elsewhere !== undefined && elsewhere !== unit && !fromOwn) continue;
      stack.push({ file: target, fromOwn: fromOwn || owner === unit });
    }
  }
  return [...seen.keys()].sort();
}

/**
 * The unit serving what is reached through `chain` (the files of the routers mounted one in another,
 * outermost first, then the file registering it): the owner of the innermost owned file, as a unit's
 * router serves everything it mounts; undefined when no unit owns any of them.
 */
export function nearestOwner(chain: readonly string[], unitOfOwned: (file: string) => string | undefined): string | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const owner = unitOfOwned(chain[i] as string);
    if (owner !== undefined) return owner;
  }
  return undefined;
}
