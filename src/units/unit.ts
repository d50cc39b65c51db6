import type { SourceRange } from "../util/source-range.js";

/** An execution unit: a group of files deployed together (a Lambda function, a container). */
export interface Unit {
  readonly id: string;
  /** `annotation` for `@klotho::execution_unit { id }`, `implicit` for the default unit `main`. */
  readonly origin: "annotation" | "implicit";
  /** The file the unit starts from (the annotated file, or package.json `main` / the exposing file). */
  readonly entrypoint: string;
  /** Files the unit owns (project-relative, sorted). */
  readonly owned: readonly string[];
  /** Every file the unit's folder holds: owned files, their import closure and the gateway app file (sorted). */
  readonly files: readonly string[];
  /** Files copied into the unit's folder besides its code (any type): JSON modules its code imports, `@klotho::embed_assets` matches and a Next.js app's build, public/ and config; sorted. */
  readonly assets?: readonly string[];
  /** The execution_unit annotation, when there is one. */
  readonly range?: SourceRange;
}
