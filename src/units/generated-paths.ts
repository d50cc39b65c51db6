/** The runtime's folder in every unit folder (`klotho_runtime/`), written by the transform. */
export const RUNTIME_FOLDER = "klotho_runtime";

/** Files at the root of a unit folder that klotho writes itself: the unit's manifest and its image. */
const GENERATED_AT_ROOT = new Set(["package.json", "Dockerfile", ".dockerignore"]);

/**
 * True for a path (project-relative, so unit-relative once copied) where klotho writes a file of its
 * own in every unit folder: `package.json`, `Dockerfile` and `.dockerignore` at the root, and anything
 * under `klotho_runtime/`. A project file there is never copied in as an asset: it would replace the
 * generated one (the user's package.json lacks the runtime's AWS SDK clients, and the Lambda crashes).
 */
export function isGeneratedUnitPath(file: string): boolean {
  return GENERATED_AT_ROOT.has(file) || file === RUNTIME_FOLDER || file.startsWith(`${RUNTIME_FOLDER}/`);
}
