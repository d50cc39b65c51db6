import type { Interpreter, ModuleContext } from "./interpreter.js";
import type { ObjectRef } from "./values.js";
import { pushTo } from "../../util/lists.js";

/** The `export * from` links of a program, live as ES modules' are. */
export interface StarExports {
  /** `export * from source` in `module`: copies source's names now, and those it exports later. */
  reexport(source: ObjectRef, module: ModuleContext): void;
  /** A module finished running: the names it now exports reach every module re-exporting it, and theirs. */
  finished(module: ModuleContext): void;
}

/**
 * ES `export *` bindings. A module in an import cycle may still be running when a barrel re-exports it
 * (`routes/billing.js` importing back the `routes/index.js` that re-exports it): Node links the names,
 * so the barrel exports its router once it is made; the names are copied again when it finishes.
 */
export function starExports(it: Pick<Interpreter, "ownEntries">): StarExports {
  const importers = new Map<ObjectRef, ModuleContext[]>();
  const copy = (source: ObjectRef, module: ModuleContext): boolean => {
    const exports = module.esmExports.props;
    let added = false;
    for (const [name, value] of it.ownEntries(source)) {
      if (name === "default" || exports.has(name)) continue;
      exports.set(name, value);
      added = true;
    }
    return added;
  };
  const spread = (source: ObjectRef, seen: Set<ObjectRef>): void => {
    for (const module of importers.get(source) ?? []) {
      if (copy(source, module) && !seen.has(module.esmExports)) spread(module.esmExports, seen.add(module.esmExports));
    }
  };
  return {
    reexport(source, module) {
      copy(source, module);
      pushTo(importers, source, module);
    },
    finished(module) {
      spread(module.esmExports, new Set([module.esmExports]));
    },
  };
}
