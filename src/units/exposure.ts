import type { Annotation } from "../annotations/index.js";
import type { AppRoutes } from "./app-routes.js";

/** An `@klotho::expose` annotation with the server it exposes and the routes it serves. */
export interface Exposure {
  readonly annotation: Annotation;
  /** The app ids of the listen calls in the annotated statement. */
  readonly appIds: readonly string[];
  /** Files holding the listen call and the app's creation. */
  readonly appFiles: readonly string[];
  readonly served: readonly (AppRoutes["routes"][number] & { readonly unit: string })[];
  readonly walk: readonly AppRoutes[];
  /** The unit the gateway's catch-all routes go to when it is not the unit of the annotated file (catch-all-units.ts). */
  readonly catchAllUnit?: string;
}

