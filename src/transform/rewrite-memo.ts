import { rewriteFile, type RewriteInput, type RewriteResult } from "./rewrite-file.js";

/** A question a rewrite asked about its unit (does it hold this file?) and the answer it got. */
type Answer = readonly [file: string, held: boolean];

/**
 * The rewrites of one file, as a decision tree. The edits are deterministic, so the answers a rewrite
 * got settle both the next question it asks and, in the end, its result. A node holds the answers
 * every rewrite through it got (`agreed`, checked in turn), then either a result or the question on
 * which those rewrites went apart, each answer leading to a node of its own (`held`, `notHeld`).
 */
type Node = { readonly agreed: readonly Answer[] } & ({ readonly result: RewriteResult } | Fork);

interface Fork {
  readonly ask: string;
  held: Node;
  notHeld: Node;
}

/**
 * `rewriteFile` for the units of one compile, where most files are carried by many units (a helper
 * every router imports). A rewrite sees its unit only through `lambda` and `unitFiles.has`; each
 * rewrite records the answers it got, and a later unit that would get the same answers gets the
 * same result instead of a second rewrite. Finding it costs at most one question per file a rewrite
 * asked about, however many units came before: a gateway's app file copied into each of 400 units,
 * each copy asking about all 400 routers, takes 400 × 400 questions, not a comparison with each
 * earlier copy in turn (400³ / 6). Every other input (facts, annotations, resolver) must be the same
 * for all calls: make one rewriter per compile.
 */
export function createUnitFileRewriter(): (input: RewriteInput) => RewriteResult {
  // By file, then by what the unit is beside its files (Lambda or not, who hears the file's listeners).
  const trees = new Map<string, Node>();
  return (input) => {
    const file = input.parsed.file.path;
    const key = `${file}\u0000${String(input.lambda)}\u0000${input.listenersElsewhere?.(file)?.unit ?? ""}`;
    const tree = trees.get(key);
    const found = tree && lookUp(tree, (asked) => input.unitFiles.has(asked));
    if (found) return found;
    const answers: Answer[] = [];
    const seen = new Set<string>();
    const unitFiles = {
      has(other: string): boolean {
        const held = input.unitFiles.has(other);
        if (!seen.has(other)) {
          seen.add(other);
          answers.push([other, held]);
        }
        return held;
      },
    };
    const result = rewriteFile({ ...input, unitFiles });
    trees.set(key, tree ? grow(tree, answers, result) : { agreed: answers, result });
    return result;
  };
}

/** The result of the rewrite that got the answers `holds` gives, if there was one. */
function lookUp(tree: Node, holds: (file: string) => boolean): RewriteResult | undefined {
  let node: Node | undefined = tree;
  while (node) {
    if (!node.agreed.every(([file, held]) => holds(file) === held)) return undefined;
    if ("result" in node) return node.result;
    node = holds(node.ask) ? node.held : node.notHeld;
  }
  return undefined;
}

/**
 * `tree` with a path for a rewrite that got `answers` and gave `result`. The path leaves the tree at
 * the first answer that differs from the earlier rewrites': the node holding that answer is split
 * there, into a fork whose other side is the new rewrite. Returns the tree's root, a new one when the
 * root was split.
 */
function grow(tree: Node, answers: readonly Answer[], result: RewriteResult): Node {
  let root = tree;
  let node = tree;
  // Puts a node where `node` hangs (the root, or a side of its fork).
  let place = (replacement: Node): void => {
    root = replacement;
  };
  let at = 0;
  for (;;) {
    const differs = node.agreed.findIndex(([, held], index) => answers[at + index]?.[1] !== held);
    const question = node.agreed[differs];
    if (question !== undefined) {
      const [ask, held] = question;
      const agreed = node.agreed.slice(differs + 1);
      const before: Node = "result" in node ? { agreed, result: node.result } : { agreed, ask: node.ask, held: node.held, notHeld: node.notHeld };
      const now: Node = { agreed: answers.slice(at + differs + 1), result };
      place({ agreed: node.agreed.slice(0, differs), ask, held: held ? before : now, notHeld: held ? now : before });
      return root;
    }
    at += node.agreed.length;
    const held = answers[at]?.[1];
    // The same answers as a rewrite before: lookUp finds those, and a deterministic rewrite gives the same result.
    if ("result" in node || held === undefined) return root;
    const fork = node;
    place = held
      ? (replacement) => {
          fork.held = replacement;
        }
      : (replacement) => {
          fork.notHeld = replacement;
        };
    node = held ? fork.held : fork.notHeld;
    at += 1;
  }
}
