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

  it("reads only a condition's own keys, as json-rules-engine set them", () => {
    const inherited = Object.assign(Object.create({ value: "from the prototype", result: true, all: [] }) as object, { fact: "subject", operator: "equal" });
    expect(toConditionResult(inherited)).toEqual({ fact: "subject", operator: "equal" });
    expect(toConditionResult({ fact: "subject", operator: "equal", value: undefined, factResult: undefined })).toEqual({ fact: "subject", operator: "equal", value: undefined });
  });

  it("ignores what is not a condition", () => {
    expect(toConditionResult(null)).toBeUndefined();
    expect(toConditionResult("all")).toBeUndefined();
  });
});
