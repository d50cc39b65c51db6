import type { Font } from "./text.js";

/** What a resource is for; each category has its colour in the drawing and a line in the legend. */
export type Category = "client" | "network" | "compute" | "data" | "messaging" | "static";

/** The categories in legend order. */
export const categoryOrder: readonly Category[] = ["client", "network", "compute", "data", "messaging", "static"];

/** Colours of a category: the glyph tile and the tint behind the type label. */
export interface CategoryStyle {
  readonly label: string;
  readonly colour: string;
  readonly tint: string;
}

/** Each category's name and colours. */
export const categories: Readonly<Record<Category, CategoryStyle>> = {
  client: { label: "Clients", colour: "#667085", tint: "#F2F4F7" },
  network: { label: "Network", colour: "#7A4FD6", tint: "#F4F0FF" },
  compute: { label: "Compute", colour: "#E0680B", tint: "#FFF4EA" },
  data: { label: "Data", colour: "#1D6FD1", tint: "#EEF5FF" },
  messaging: { label: "Messaging", colour: "#CC2E6B", tint: "#FFF0F5" },
  static: { label: "Static", colour: "#0E8A7D", tint: "#EBFAF7" },
};

/** Colours of everything that is not a category. */
export const palette = {
  background: "#FFFFFF",
  text: "#101828",
  mutedText: "#475467",
  faintText: "#667085",
  cardBorder: "#D0D5DD",
  edge: "#667085",
  groupBorder: "#98A2B3",
  groupFill: "#FAFBFC",
  labelBackground: "#FFFFFF",
} as const;

/** The fonts of the diagram, by role. */
export const fonts = {
  title: { size: 20, bold: true },
  subtitle: { size: 12 },
  typeLabel: { size: 11, bold: true },
  name: { size: 13, bold: true },
  detail: { size: 11 },
  routeMethod: { size: 10, bold: true },
  routePath: { size: 11 },
  edgeLabel: { size: 11 },
  groupLabel: { size: 12, bold: true },
  legend: { size: 11 },
} as const satisfies Record<string, Font>;
