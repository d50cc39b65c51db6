import { requireFunction } from "../interpreter/require-function.js";
import { UNKNOWN, isSpecial, special } from "../interpreter/values.js";
import type { Extractor } from "./extractor.js";

/** Tag of the `module` module. */
const MODULE_MODULE = "node.module";
/** Tag of its `createRequire` function. */
const CREATE_REQUIRE = "node.module.createRequire";

/**
 * The `module` module's `createRequire` (`import { createRequire } from "node:module"`, a namespace or
 * default import, `require("module").createRequire`): the `require` it makes for a file
 * (`createRequire(import.meta.url)`, `createRequire(__filename)`) loads modules as `require` does there.
 */
export const nodeModule: Extractor = {
  meta: { kind: "module_require", description: "The module module's createRequire, whose require function loads modules as require does." },
  packages: ["module"],
  module: (specifier) => (specifier === "module" ? special(MODULE_MODULE) : undefined),
  memberReads: { tags: [MODULE_MODULE] },
  member(object, property) {
    if (!isSpecial(object, MODULE_MODULE)) return undefined;
    if (property === "default" || property === "Module") return object;
    return property === "createRequire" ? special(CREATE_REQUIRE) : undefined;
  },
  callees: { tags: [CREATE_REQUIRE] },
  call(callee, args) {
    return isSpecial(callee, CREATE_REQUIRE) ? requireFunction(args[0] ?? UNKNOWN) : undefined;
  },
};
