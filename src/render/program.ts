import { createDiagnostic } from "../diagnostics/diagnostic.js";
import { compareStrings } from "../util/compare.js";
import { rendererFor, typesOf } from "./aws/registry.js";
import { BLOCK_ORDER, type Block, type ProgramNeed, type StackOutput } from "./aws/renderer.js";
import { declaredAt, type ProgramContext } from "./context.js";
import { ECS_CONTAINER_PORT, networkModel } from "./network.js";

/** The program before its templates are rendered: ordered blocks, stack outputs and the declarations they need. */
export interface ProgramModel {
  readonly app: string;
  readonly blocks: readonly Block[];
  readonly outputs: readonly StackOutput[];
  readonly needs: ReadonlySet<ProgramNeed>;
}

/**
 * Asks each resource's renderer for its blocks and orders them so every block comes after the
 * ones it uses: network, stores, topics, units, subscriptions, gateways, static sites (plan id
 * order within each). A resource whose type no renderer knows is an error.
 */
export function buildProgram(context: ProgramContext): ProgramModel {
  const blocks = new Map<string, Block>();
  const outputs: StackOutput[] = [];
  const needs = new Set<ProgramNeed>();
  const network = networkModel(context);
  if (network.needed) {
    blocks.set("network", { template: "network.njk", order: BLOCK_ORDER.network, key: "network", model: { ...network, port: ECS_CONTAINER_PORT } });
    if (network.gatewayEndpoints.length > 0 || network.interfaceEndpoints.length > 0) needs.add("region");
  }
  for (const resource of context.plan.resources) {
    const renderer = rendererFor(resource.kind, resource.type);
    if (!renderer) {
      const supported = typesOf(resource.kind).join(", ") || "none";
      const range = context.typeRange(resource);
      context.diagnostics.push(createDiagnostic("render/unsupported-type", { range, related: declaredAt(resource, range) }, resource.id, resource.type, supported));
      continue;
    }
    const rendered = renderer.render(resource, context);
    for (const block of rendered.blocks) if (!blocks.has(`${block.template}#${block.key}`)) blocks.set(`${block.template}#${block.key}`, block);
    outputs.push(...(rendered.outputs ?? []));
    for (const need of rendered.needs ?? []) needs.add(need);
  }
  const ordered = [...blocks.values()].sort((a, b) => a.order - b.order || compareStrings(a.key, b.key) || compareStrings(a.template, b.template));
  return { app: context.app, blocks: ordered, outputs, needs };
}
