import type { DraftResource, ResourceStage } from "../engine/index.js";
import { CONFIG_KINDS } from "./config-kinds.js";

/**
 * The type the provider rules choose for each kind klotho.yaml configures, found by running them on a
 * stand-in resource of each kind; the effective klotho.yaml lists these as `defaults.<kind>.type`, so
 * replacing a provider rule changes them too. Kinds no rule types are absent.
 */
export async function probeDefaultTypes(providerStage: ResourceStage): Promise<Map<string, string>> {
  const probes: DraftResource[] = CONFIG_KINDS.map(({ kind }) => ({
    id: `${kind}:default`,
    kind,
    name: "default",
    type: "",
    params: {},
    directives: {},
    routes: [],
    source: [],
    provenance: [],
  }));
  const result = await providerStage.run(probes);
  return new Map(result.resources.filter((r) => r.type !== "").map((r) => [r.kind, r.type]));
}
