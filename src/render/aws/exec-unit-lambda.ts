import type { Resource } from "../../plan/index.js";
import { Code } from "../code.js";
import type { ProgramContext } from "../context.js";
import { lambdaStatements } from "../iam.js";
import { isVpcUnit } from "../network.js";
import { checkedParams } from "../params.js";
import { functionVariable } from "../refs.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";
import { roleModel, unitBase } from "./unit-common.js";

/** An execution unit as a Lambda function running its container image. */
export const execUnitLambda: ResourceRenderer = {
  meta: {
    kind: "exec_unit",
    type: "lambda",
    description: "ECR repository, image built from the unit's folder, log group, IAM role with the unit's least-privilege policy, Lambda function",
  },
  render(unit: Resource, context: ProgramContext) {
    const params = checkedParams(context, unit);
    const fn = functionVariable(context, unit);
    const model = {
      ...unitBase(context, unit),
      fn,
      role: roleModel(context, unit, "lambda", "lambda.amazonaws.com", lambdaStatements(context, unit)),
      memorySize: params["memorySize"] ?? 512,
      timeout: params["timeout"] ?? 180,
      securityGroup: isVpcUnit(context, unit) ? context.variable(unit, "securityGroup") : undefined,
    };
    return {
      blocks: [{ template: "exec_unit-lambda.njk", order: BLOCK_ORDER.unit, key: unit.id, model }],
      outputs: [{ name: context.variable(unit, "function name"), value: Code.ref(fn, "name"), description: `${unit.id}: the Lambda function` }],
      needs: ["dockerBuild", "ecrToken"],
    };
  },
};
