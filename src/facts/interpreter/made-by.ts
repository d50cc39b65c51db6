import type { CallSite } from "./interpreter.js";
import type { FunctionValue, Value } from "./values.js";

/**
 * Which call written in the program made a function value or a package's result: the file that made a
 * handler by a wrapper (`const getProducts = asyncHandler(async (req, res) => ...)` in a controller) is the
 * one that answers with it, not the wrapper's file where its code is.
 */
export interface MadeByCalls {
  /** A new function value made by `makeFunction`, numbered in order. */
  created(fn: FunctionValue): void;
  /** How many functions have been made so far: what a call's run is compared with. */
  readonly count: () => number;
  /**
   * Records that the call at `site` made `result`: a function returned that was created while the call ran
   * (since `before` functions were made), or the value a package's function returned. The outermost such
   * call, recorded last, wins; a function merely returned (made before the call) is not recorded.
   */
  record(result: Value, site: CallSite, before: number): void;
  /** The call that made `value`, when one was recorded. */
  site(value: Value): CallSite | undefined;
}

/** An empty record of made values. */
export function madeByCalls(): MadeByCalls {
  const serials = new WeakMap<FunctionValue, number>();
  const sites = new WeakMap<object, CallSite>();
  let made = 0;
  const keyOf = (value: Value): object => (value.kind === "function" ? value.fn : value);
  return {
    created: (fn) => {
      serials.set(fn, made++);
    },
    count: () => made,
    record: (result, site, before) => {
      if (result.kind === "function" && (serials.get(result.fn) ?? -1) < before) return;
      if (result.kind === "function" || result.kind === "unknown") sites.set(keyOf(result), site);
    },
    site: (value) => (value.kind === "function" || value.kind === "unknown" ? sites.get(keyOf(value)) : undefined),
  };
}
