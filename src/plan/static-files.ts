import path from "node:path";
import type { Plan } from "./plan.js";

/** A file the writer copies byte for byte: its path in the output folder and the absolute path it comes from. */
export interface CopiedFile {
  readonly path: string;
  readonly copyFrom: string;
}

/**
 * The files of each static unit, copied to `<out>/<static unit name>/<project-relative path>`
 * (the annotations stage has checked that the name is a safe folder name).
 */
export function staticUnitCopies(plan: Plan, projectRoot: string): CopiedFile[] {
  return plan.resources
    .filter((resource) => resource.kind === "static_unit")
    .flatMap((resource) => (resource.files ?? []).map((file) => ({ path: `${resource.name}/${file}`, copyFrom: path.join(projectRoot, file) })));
}
