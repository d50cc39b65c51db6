/** `klotho explain`: why each resource exists, from the plan's recorded decisions and rule trace. */
export { explain, type Explanation } from "./build.js";
export type { ExplainInput, ExplainTarget } from "./explain-input.js";
export { conditionTreeLines, formatExplanation } from "./format-text.js";
export { toExplainCondition } from "./conditions.js";
