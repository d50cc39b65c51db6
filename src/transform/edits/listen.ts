import type { Annotation } from "../../annotations/index.js";
import type { Fact } from "../../facts/index.js";
import { factsBoundTo } from "../../units/index.js";
import type { EditContext } from "../edit-context.js";
import { sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";

/**
 * Lambda units do not listen on a port: the annotated `app.listen(...)` becomes
 * `registerApp(app)`, which hands the app to the dispatcher and returns a stand-in server.
 * The call's other lines stay as blank lines inside a comment, so nothing below moves.
 */
export function replaceListen(context: EditContext, nodes: NodeIndex, annotations: readonly Annotation[], facts: readonly Fact[]): void {
  if (!context.lambda) return;
  const file = context.parsed.file.path;
  for (const annotation of annotations) {
    if (annotation.capability !== "expose" || annotation.range.file !== file) continue;
    for (const fact of factsBoundTo(annotation, facts)) {
      if (fact.kind !== "express_listen") continue;
      const call = nodes.at(fact.range);
      if (call?.type !== "CallExpression" && call?.type !== "OptionalCallExpression") continue;
      const callee = call.callee;
      if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") continue;
      const breaks = sourceOf(context.parsed, call).split("\n").length - 1;
      const tail = breaks > 0 ? ` /* klotho: listen() runs in the dispatcher${"\n".repeat(breaks)}*/` : "";
      context.replace(call.start ?? 0, call.end ?? 0, `${context.runtime("app-registry", "registerApp")}(${sourceOf(context.parsed, callee.object)})${tail}`);
    }
  }
}
