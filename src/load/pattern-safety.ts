/** The longest regular expression source a `matches` condition may use. */
export const MAX_PATTERN_LENGTH = 256;

/** The regular expression flags a `matches` condition may use. */
export const PATTERN_FLAGS: readonly string[] = ["i", "m", "s", "u"];

/** Why a `matches` pattern is refused: not a regular expression, or one that may backtrack catastrophically. */
export type PatternProblem = { readonly kind: "invalid" | "unsafe"; readonly detail: string; readonly inFlags?: boolean };

/**
 * Checks a `matches` pattern: valid JavaScript syntax with the allowed flags, at most
 * MAX_PATTERN_LENGTH characters, no back-references, and no repeated group that itself contains a
 * quantifier (`(a+)+`, `(a|b*)*`, `(\w+\s?)*`), the shapes that backtrack exponentially.
 */
export function patternProblem(source: string, flags: string): PatternProblem | undefined {
  const badFlag = flags.split("").find((flag, i) => !PATTERN_FLAGS.includes(flag) || flags.indexOf(flag) !== i);
  if (badFlag !== undefined) {
    return { kind: "invalid", inFlags: true, detail: `the flag '${badFlag}' is not allowed or repeated; use each of ${PATTERN_FLAGS.join(", ")} at most once` };
  }
  try {
    new RegExp(source, flags);
  } catch (error) {
    return { kind: "invalid", detail: error instanceof Error ? error.message : String(error) };
  }
  if (source.length > MAX_PATTERN_LENGTH) {
    return { kind: "unsafe", detail: `it is ${source.length} characters long and patterns may have at most ${MAX_PATTERN_LENGTH}; split it over several conditions` };
  }
  return scanPattern(source);
}

/** A group being scanned: where it opened, and whether a quantifier occurs anywhere inside it. */
interface GroupFrame {
  readonly start: number;
  quantified: boolean;
}

/** The last atom read, which a following quantifier applies to. */
type Atom = { readonly kind: "group"; readonly start: number; readonly end: number; readonly quantified: boolean } | { readonly kind: "other" } | undefined;

/** Walks a syntactically valid pattern, skipping escapes and character classes, tracking groups and quantifiers. */
function scanPattern(source: string): PatternProblem | undefined {
  const stack: GroupFrame[] = [{ start: -1, quantified: false }];
  let atom: Atom;
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? "";
    const top = stack[stack.length - 1] ?? { start: -1, quantified: false };
    if (char === "\\") {
      const escape = readEscape(source, i);
      if (escape.backReference) return backReferenceProblem(source.slice(i, escape.end));
      atom = { kind: "other" };
      i = escape.end;
    } else if (char === "[") {
      atom = { kind: "other" };
      i = classEnd(source, i);
    } else if (char === "(") {
      stack.push({ start: i, quantified: false });
      atom = undefined;
      i = groupBodyStart(source, i);
    } else if (char === ")") {
      const frame = stack.pop() ?? top;
      const parent = stack[stack.length - 1];
      if (parent && frame.quantified) parent.quantified = true;
      atom = { kind: "group", start: frame.start, end: i + 1, quantified: frame.quantified };
      i += 1;
    } else if (char === "|") {
      atom = undefined;
      i += 1;
    } else {
      const quantifier = readQuantifier(source, i);
      if (!quantifier) {
        atom = { kind: "other" };
        i += 1;
        continue;
      }
      if (atom?.kind === "group" && atom.quantified && quantifier.repeats) return nestedProblem(source.slice(atom.start, atom.end), quantifier.text);
      top.quantified = true;
      atom = { kind: "other" };
      i = quantifier.end;
    }
  }
  return undefined;
}

/** The escape at `start` (a backslash): where it ends, and whether it is a back-reference (`\1`, `\k<name>`). */
function readEscape(source: string, start: number): { end: number; backReference: boolean } {
  const next = source[start + 1] ?? "";
  if (/[1-9]/.test(next)) {
    let end = start + 2;
    while (/[0-9]/.test(source[end] ?? "")) end += 1;
    return { end, backReference: true };
  }
  if (next === "k" && source[start + 2] === "<") return { end: Math.max(source.indexOf(">", start) + 1, start + 3), backReference: true };
  if ((next === "u" || next === "p" || next === "P") && source[start + 2] === "{") {
    const close = source.indexOf("}", start);
    return { end: close < 0 ? start + 2 : close + 1, backReference: false };
  }
  return { end: start + 2, backReference: false };
}

/** The index just after the character class opening at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** The index of the first character inside the group opening at `start`, after `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>`. */
function groupBodyStart(source: string, start: number): number {
  if (source[start + 1] !== "?") return start + 1;
  const marker = source[start + 2];
  if (marker === "<" && source[start + 3] !== "=" && source[start + 3] !== "!") return source.indexOf(">", start) + 1;
  return start + (marker === "<" ? 4 : 3);
}

/**
 * The quantifier at `start` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy), and
 * whether it can repeat its atom (everything but `?`, `{0}`, `{1}`, `{0,1}`, `{1,1}`).
 */
function readQuantifier(source: string, start: number): { end: number; text: string; repeats: boolean } | undefined {
  const char = source[start];
  let end: number;
  let repeats: boolean;
  if (char === "*" || char === "+" || char === "?") {
    end = start + 1;
    repeats = char !== "?";
  } else {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(start));
    if (!braces) return undefined;
    end = start + braces[0].length;
    const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === "" ? Infinity : Number(braces[3]);
    repeats = max > 1;
  }
  if (source[end] === "?") end += 1;
  return { end, text: source.slice(start, end), repeats };
}

function backReferenceProblem(reference: string): PatternProblem {
  return {
    kind: "unsafe",
    detail: `it uses the back-reference '${reference}', which can make matching take exponential time; test the repeated text with a separate condition`,
  };
}

function nestedProblem(group: string, quantifier: string): PatternProblem {
  return {
    kind: "unsafe",
    detail: `the group '${group}' is repeated by '${quantifier}' and itself contains a quantifier, which can backtrack catastrophically on a string that does not match; quantify either the group or its inside, not both (e.g. '(a+)+' → 'a+')`,
  };
}
