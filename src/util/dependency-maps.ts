import { isRecord } from "./records.js";

/**
 * The package.json fields that map package names to versions, which klotho reads: a unit installs
 * the `dependencies`; the others say where a package the unit lacks is declared instead.
 */
export const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

/** One of {@link DEPENDENCY_FIELDS}. */
export type DependencyField = (typeof DEPENDENCY_FIELDS)[number];

/** True for a dependency map npm can read: an object mapping each package name to a version string. */
export function isVersionMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((version) => typeof version === "string");
}
