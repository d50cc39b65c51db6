import { PLAIN_CARD } from "./card.js";
import type { Box } from "./scene.js";
import type { DiagramEdge, DiagramNode } from "./topology.js";
import { groupBy } from "../util/lists.js";

/** A unit's own stores, drawn together in one box that a single arrow from the unit points at. */
export interface DiagramGroup {
  readonly id: string;
  readonly title: string;
  /** The unit that uses the stores. */
  readonly owner: string;
  /** The stores' node ids, sorted. */
  readonly members: readonly string[];
  /** The plan edges from the owner to the members, which the group's arrow stands for. */
  readonly edges: readonly DiagramEdge[];
}

/** Plans with more resources than this draw each unit's own stores as a group, which keeps a large diagram compact. */
export const GROUPING_THRESHOLD = 30;
const MIN_MEMBERS = 2;
/**
 * The most stores one group holds. Its arrow stands for an edge to each, and the SVG names each of
 * those in a group nested in the one before (draw.ts), which libxml2 (under librsvg) refuses past 256
 * levels: a unit owning 400 stores made a diagram librsvg could not read. A unit with more own stores
 * gets several groups of about equal size; one with fewer keeps its one group, as before.
 */
export const MAX_MEMBERS = 200;
const COLUMNS = 3;
const GAP = 16;
const PADDING = { top: 34, side: 14, bottom: 14 };

/**
 * The groups of a large plan: for each unit, the stores no other resource touches (the unit's
 * edge is their only one), when there are at least two of them.
 */
export function storeGroups(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): DiagramGroup[] {
  const resources = nodes.filter((node) => !node.synthetic);
  if (resources.length <= GROUPING_THRESHOLD) return [];
  const degree = new Map<string, number>();
  for (const edge of edges) for (const end of [edge.source, edge.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const byId = new Map(resources.map((node) => [node.id, node]));
  const leaving = groupBy(edges, (edge) => edge.source);
  return resources
    .filter((unit) => unit.kind === "exec_unit")
    .flatMap((unit) => {
      const own = (leaving.get(unit.id) ?? []).filter((edge) => byId.get(edge.target)?.column === 3 && byId.get(edge.target)?.kind !== "pubsub" && degree.get(edge.target) === 1);
      if (own.length < MIN_MEMBERS) return [];
      const parts = evenParts(own, Math.ceil(own.length / MAX_MEMBERS));
      return parts.map((part, index) => ({
        id: index === 0 ? `group:${unit.title}` : `group:${unit.title}#${String(index + 1)}`,
        title: parts.length === 1 ? `${unit.title} data` : `${unit.title} data (${String(index + 1)}/${String(parts.length)})`,
        owner: unit.id,
        members: part.map((edge) => edge.target),
        edges: part,
      }));
    });
}

/** `items` in `count` consecutive parts whose sizes differ by one at most, the larger first. */
function evenParts<T>(items: readonly T[], count: number): T[][] {
  const size = Math.floor(items.length / count);
  const larger = items.length % count;
  const parts: T[][] = [];
  for (let index = 0, start = 0; index < count; index++) {
    const end = start + size + (index < larger ? 1 : 0);
    parts.push(items.slice(start, end));
    start = end;
  }
  return parts;
}

/** The size of a group's box: its cards in rows of three under a title. */
export function groupSize(memberCount: number): { width: number; height: number } {
  const card = PLAIN_CARD;
  const columns = Math.min(COLUMNS, memberCount);
  const rows = Math.ceil(memberCount / COLUMNS);
  return { width: columns * card.width + (columns - 1) * GAP + 2 * PADDING.side, height: rows * card.height + (rows - 1) * GAP + PADDING.top + PADDING.bottom };
}

/** Where each member's card goes inside the group's box, row by row. */
export function memberBoxes(group: Box, memberCount: number): Box[] {
  const card = PLAIN_CARD;
  return Array.from({ length: memberCount }, (_, i) => ({
    x: group.x + PADDING.side + (i % COLUMNS) * (card.width + GAP),
    y: group.y + PADDING.top + Math.floor(i / COLUMNS) * (card.height + GAP),
    width: card.width,
    height: card.height,
  }));
}

