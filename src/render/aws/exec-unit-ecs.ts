import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import type { Resource } from "../../plan/index.js";
import { Code } from "../code.js";
import type { ProgramContext } from "../context.js";
import { edgeStatements, executionStatements } from "../iam.js";
import { ECS_CONTAINER_PORT } from "../network.js";
import { loadBalancerName, slug } from "../names.js";
import { checkedParams, fargateSizeProblem } from "../params.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";
import { roleModel, unitBase } from "./unit-common.js";

/** An execution unit as an ECS service on Fargate behind an application load balancer. */
export const execUnitEcs: ResourceRenderer = {
  meta: {
    kind: "exec_unit",
    type: "ecs",
    description:
      "ECR repository, image, log group, task role with the unit's least-privilege policy, execution role, ECS cluster, task definition, Fargate service, application load balancer",
  },
  render(unit: Resource, context: ProgramContext) {
    const params = checkedParams(context, unit);
    const cpu = Number(params["cpu"] ?? 256);
    const memory = Number(params["memory"] ?? 512);
    // A size is checked only as given: a cpu or memory already refused is not measured against the other's default.
    const refused = ["cpu", "memory"].some((key) => unit.params[key] !== undefined && params[key] === undefined);
    const size = refused ? undefined : fargateSizeProblem(cpu, memory);
    if (size) {
      const value = size.key === "cpu" ? cpu : memory;
      context.diagnostics.push(createDiagnostic("render/invalid-param", { range: context.paramRange(unit, size.key) }, unit.id, size.key, size.expected, String(value)));
    }
    // A service behind a load balancer: a unit no gateway routes to (a worker) must still serve its health check.
    if (context.sources(unit.id).every((source) => !source.id.startsWith("gateway:"))) {
      context.diagnostics.push(createDiagnostic("render/ecs-no-server", { range: unit.source[0] }, unit.name, ECS_CONTAINER_PORT));
    }
    const loadBalancer = context.variable(unit, "loadBalancer");
    // Once: it reports the environment's problems.
    const base = unitBase(context, unit);
    // A secret (a connection string with the database's password) is no plain variable, which the task
    // definition would show to anyone who may describe it: ECS reads it from its SSM parameter at start.
    const secrets = base.environment.flatMap((v) => (v.secretParameter === undefined ? [] : [{ name: v.name, valueFrom: v.secretParameter }]));
    const model = {
      ...base,
      environment: base.environment.filter((v) => v.secretParameter === undefined),
      secrets,
      family: `${context.app}-${slug(unit.name)}`,
      taskRole: roleModel(context, unit, "task", "ecs-tasks.amazonaws.com", edgeStatements(context, unit)),
      executionRole: roleModel(context, unit, "execution", "ecs-tasks.amazonaws.com", executionStatements(context, unit, secrets.map((s) => s.valueFrom))),
      cluster: context.variable(unit, "cluster"),
      loadBalancer,
      loadBalancerLogical: loadBalancerName(base.logical),
      targetGroup: context.variable(unit, "targetGroup"),
      listener: context.variable(unit, "listener"),
      taskDefinition: context.variable(unit, "taskDefinition"),
      service: context.variable(unit, "service"),
      securityGroup: context.variable(unit, "securityGroup"),
      albSecurityGroup: context.variable(unit, "albSecurityGroup"),
      cpu: String(cpu),
      memory: String(memory),
      desiredCount: params["desiredCount"] ?? 1,
      port: ECS_CONTAINER_PORT,
    };
    return {
      blocks: [{ template: "exec_unit-ecs.njk", order: BLOCK_ORDER.unit, key: unit.id, model }],
      outputs: [{ name: context.variable(unit, "url"), value: Code.concat("http://", Code.ref(loadBalancer, "dnsName")), description: `${unit.id}: the load balancer in front of the service` }],
      needs: ["dockerBuild", "ecrToken", "region"],
    };
  },
};
