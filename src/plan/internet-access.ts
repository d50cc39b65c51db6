import { createDiagnostic, type Diagnostic, type RelatedLocation } from "../diagnostics/diagnostic.js";
import { findInternetCalls, type InternetCall } from "../facts/internet-calls.js";
import type { SourceProgram } from "../parse/source-program.js";
import { andList } from "../util/lists.js";
import { compareRanges, formatLocation } from "../util/source-range.js";
import { edgeSources, planNetwork, type NetworkPlan, type UnitPlacement } from "./network.js";
import type { Plan, Resource } from "./plan.js";

/** A call that needs the internet, with the units in the private subnets that carry it. */
interface Unreachable {
  readonly call: InternetCall;
  readonly units: UnitPlacement[];
}

/**
 * Warns at each call or import in a function's code that needs the internet (an HTTP client, `fetch`
 * of an absolute URL, `http(s).request`, an AWS SDK client of a service the VPC has no endpoint for)
 * when the function runs in the VPC's private subnets, which have no route to the internet: the
 * request would time out. One warning per location, naming every unit in the VPC that carries it and
 * the edges that put each there. Units outside the VPC, and klotho's own runtime, are never reported.
 */
export function internetAccessWarnings(plan: Plan, program: SourceProgram): Diagnostic[] {
  const network = planNetwork(plan);
  const callsOf = memoizedCalls(program);
  const found = new Map<string, Unreachable>();
  for (const placement of network.placements.filter((p) => p.subnets === "private")) {
    const reachable = reachableServices(network, placement);
    for (const file of placement.unit.files ?? []) {
      for (const call of callsOf(file)) {
        if (call.awsService !== undefined && reachable.has(call.awsService)) continue;
        const key = formatLocation(call.range);
        const entry = found.get(key) ?? { call, units: [] };
        entry.units.push(placement);
        found.set(key, entry);
      }
    }
  }
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  return [...found.values()].sort((a, b) => compareRanges(a.call.range, b.call.range)).map((entry) => unreachableWarning(entry, byId));
}

/** The services a function in the private subnets reaches: every gateway endpoint (on the subnets' route table), and the interface endpoints its security group is admitted to. */
function reachableServices(network: NetworkPlan, placement: UnitPlacement): Set<string> {
  return new Set([...network.endpoints.filter((e) => e.type === "Gateway"), ...placement.endpoints].map((e) => e.service));
}

function memoizedCalls(program: SourceProgram): (file: string) => readonly InternetCall[] {
  const cache = new Map<string, readonly InternetCall[]>();
  return (file) => {
    const cached = cache.get(file);
    if (cached) return cached;
    const parsed = program.get(file);
    const calls = parsed ? findInternetCalls(parsed) : [];
    cache.set(file, calls);
    return calls;
  };
}

function unreachableWarning({ call, units }: Unreachable, byId: ReadonlyMap<string, Resource>): Diagnostic {
  const why = units.map((p, i) => `${p.unit.name}${i === 0 ? " is in the VPC" : ""} for its edge${p.because.length === 1 ? "" : "s"} to ${andList(p.because.map((e) => e.target))}`);
  const stores = [...new Set(units.flatMap((p) => p.because.map((e) => e.target)))];
  const related: RelatedLocation[] = units.flatMap((p) =>
    p.because.flatMap((edge) => edgeSources(byId.get(edge.source), edge.target).slice(0, 1).map((range) => ({ message: `unit ${p.unit.name} uses ${edge.target} here, which puts it in the VPC`, range }))),
  );
  const names = units.map((p) => p.unit.name);
  return createDiagnostic("network/no-internet", { range: call.range, related }, call.what, call.awsService, names, why.join(", "), andList(stores));
}
