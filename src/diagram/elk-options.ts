/** ELK layout options of the whole graph: layered, left to right, orthogonal edges, labels given room of their own. */
export const graphOptions: Readonly<Record<string, string>> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.json.edgeCoords": "ROOT",
  "elk.json.shapeCoords": "ROOT",
  "elk.partitioning.activate": "true",
  // One graph, not packed components: a static site with no edges stays in the entry column, where the clients' arrows reach it.
  "elk.separateConnectedComponents": "false",
  "elk.layered.thoroughness": "20",
  "elk.layered.spacing.nodeNodeBetweenLayers": "56",
  "elk.layered.spacing.edgeNodeBetweenLayers": "20",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "20",
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.edgeLabel": "4",
  "elk.edgeLabels.placement": "CENTER",
  "elk.layered.edgeLabels.sideSelection": "SMART_UP",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
  "elk.randomSeed": "1",
  "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
};
