import { joinPaths } from "../../http-paths.js";
import { UNKNOWN, objectWithTag } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";
import { nestMetadata, classIdentity, NEST_APP } from "./metadata.js";
import { nestPaths } from "./paths.js";
import { controllersOf } from "./modules.js";
import { controllerVersionSegments } from "./versions.js";

/**
 * `app.listen(...)` of a NestJS app: the app starts serving its module graph's controllers, so
 * each is mounted on the app at the global prefix joined with its URI version segment (versions.ts),
 * the path RouterModule gives its module and the controller's path (one mount per combination when
 * there are several), located where its module lists it.
 */
export const nestjsListen: Extractor = {
  meta: { kind: "http_listen", description: "Calls that start a NestJS app listening, with the controllers it then serves." },
  methodCalls: { tags: [NEST_APP] },
  method(object, method, _args, node, ctx) {
    const app = objectWithTag(object, NEST_APP);
    const metadata = nestMetadata(ctx);
    const info = app && metadata.nestApps.get(app);
    if (!app || !info || method !== "listen") return undefined;
    // A controller listed by several modules is checked against the versioning once.
    const reported = new Set<string>();
    const report = (diagnostic: Diagnostic): void => {
      const key = `${diagnostic.code} ${diagnostic.range?.file ?? ""}:${diagnostic.range?.start.offset ?? ""}`;
      if (!reported.has(key)) ctx.report(diagnostic);
      reported.add(key);
    };
    for (const reference of info.globalPrefixes === undefined ? [] : controllersOf(info.root, ctx)) {
      const identity = classIdentity(reference.value);
      const controller = identity && metadata.controllerClasses.get(identity);
      if (!identity || !controller) continue;
      const modulePaths = (reference.module && metadata.routerModulePaths.get(reference.module)?.flatMap(nestPaths)) ?? ["/"];
      const versionPaths = controllerVersionSegments(info.uriVersioning, controller, metadata.routeVersions.get(identity) ?? [], report);
      for (const globalPrefix of info.globalPrefixes ?? []) {
        for (const base of versionPaths.flatMap((version) => modulePaths.map((modulePath) => joinPaths(joinPaths(globalPrefix, version), modulePath)))) {
          for (const prefix of controller.prefixes ?? []) {
            ctx.emit({ kind: "http_mount", parent: app.id, child: identity.id, prefix: joinPaths(base, prefix), range: reference.range ?? controller.range });
          }
        }
      }
    }
    ctx.emit({ kind: "http_listen", app: app.id, range: ctx.range(node) });
    return { kind: "promise", value: UNKNOWN };
  },
};
