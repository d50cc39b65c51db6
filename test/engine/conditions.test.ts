import { describe, expect, it } from "vitest";
import { toConditionResult } from "../../src/engine/conditions.js";

describe("toConditionResult", () => {
  it("keeps the engine's results and leaves conditions it never evaluated without one", () => {
    const evaluated = {
      operator: "all",
      priority: 1,
      all: [
        { fact: "bound", path: "$.listen", operator: "greaterThanInclusive", value: 1, factResult: 0, valueResult: 1, result: false },
        { fact: "produced", operator: "equal", value: 0 },
        { operator: "not", not: { fact: "subject", operator: "equal", value: "use" } },
      ],
    };
    expect(toConditionResult(evaluated)).toEqual({
      all: [
        { fact: "bound", path: "$.listen", operator: "greaterThanInclusive", value: 1, factResult: 0, result: false },
        { fact: "produced", operator: "equal", value: 0 },
        { not: { fact: "subject", operator: "equal", value: "use" } },
      ],
    });
  });

  it("ignores what is not a condition", () => {
    expect(toConditionResult(null)).toBeUndefined();
    expect(toConditionResult("all")).toBeUndefined();
  });
});
