import type { SourceRange } from "../util/source-range.js";

/** What an annotation is attached to: the statement, declaration or class member after it. */
export interface BoundNode {
  /** Babel node type, e.g. `ExpressionStatement`, `VariableDeclaration`, `ClassProperty`. */
  readonly type: string;
  readonly range: SourceRange;
}

/** One `@klotho::<capability> { ... }` annotation found in a comment. */
export interface Annotation {
  readonly capability: string;
  /** The `id` directive, when given. */
  readonly id?: string;
  /** The parsed TOML body (empty when there is none). */
  readonly directives: Readonly<Record<string, unknown>>;
  /**
   * Where each directive key is written inside the comment, by dotted path (`id`,
   * `environment_variables.DB_URL`), so later stages can point at a directive they reject.
   */
  readonly keyRanges?: Readonly<Record<string, SourceRange>>;
  /** Where the directives' strings are written inside the comment: `index_document`, `static_files.0` (see directiveValueRanges). */
  readonly valueRanges?: Readonly<Record<string, SourceRange>>;
  /** From `@klotho::` to the closing `}` of the body. */
  readonly range: SourceRange;
  /** The annotation's text with comment margins removed, for messages. */
  readonly text: string;
  /** The node after the comment; absent when nothing follows it. */
  readonly boundTo?: BoundNode;
  /** True when the comment is outside every function, class and block of the file. */
  readonly topLevel: boolean;
}
