import type { Node } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import { isSpecial, type Value } from "../../interpreter/values.js";
import type { SourceRange } from "../../../util/source-range.js";
import { VERSION_NEUTRAL, VERSIONING_TYPE, type ControllerInfo, type RouteVersion, type UriVersioning, type Version, type Versions } from "./metadata.js";

/** The kinds of `VersioningType` that leave paths as they are. */
const PATHLESS_TYPES = ["HEADER", "MEDIA_TYPE", "CUSTOM"];

/** The versions of a `VersionValue`: a string, `VERSION_NEUTRAL`, or a non-empty array of them (duplicates dropped, as Nest does). */
export function readVersions(value: Value): Versions {
  const versions: Version[] = [];
  for (const item of value.kind === "array" ? value.items : [value]) {
    const version = item.kind === "string" ? item.value : isSpecial(item, VERSION_NEUTRAL) ? null : undefined;
    if (version === undefined) return "unknown";
    if (!versions.includes(version)) versions.push(version);
  }
  return versions.length > 0 ? versions : "unknown";
}

/**
 * The URI versioning `enableVersioning(options)` sets up: undefined for the header, media-type and
 * custom kinds, which leave paths alone. Without options it is URI versioning (Nest's default).
 * `prefix: false` is read from the code as written, the interpreter having no booleans.
 */
export function readVersioning(options: Value | undefined, call: Node, range: SourceRange): UriVersioning | undefined {
  if (options === undefined) return { range, uncertainType: false, prefix: "v" };
  if (options.kind !== "object") return { range, uncertainType: true, prefix: undefined, defaultVersion: "unknown" };
  const props = options.ref.props;
  const type = props.get("type");
  if (type !== undefined && PATHLESS_TYPES.some((kind) => isSpecial(type, `${VERSIONING_TYPE}.${kind}`))) return undefined;
  const prefix = props.get("prefix");
  const defaultVersion = props.get("defaultVersion");
  return {
    range,
    uncertainType: type === undefined || !isSpecial(type, `${VERSIONING_TYPE}.URI`),
    prefix: prefix === undefined ? "v" : prefix.kind === "string" ? prefix.value : writtenFalse(call, "prefix") ? "" : undefined,
    ...(defaultVersion !== undefined ? { defaultVersion: readVersions(defaultVersion) } : {}),
  };
}

/** True when the first argument of `call` is an object literal whose `key` is written `false`. */
function writtenFalse(call: Node, key: string): boolean {
  const [options] = call.type === "CallExpression" ? call.arguments : [];
  if (options?.type !== "ObjectExpression") return false;
  return options.properties.some(
    (property) =>
      property.type === "ObjectProperty" &&
      !property.computed &&
      property.key.type === "Identifier" &&
      property.key.name === key &&
      property.value.type === "BooleanLiteral" &&
      !property.value.value,
  );
}

/**
 * The segments URI versioning puts between an app's global prefix and a controller's module and
 * controller paths: `/v1` for version "1" (the `prefix` option, then the version), `/` for
 * `VERSION_NEUTRAL` (no segment), one per version of an array; `["/"]` when no version applies.
 * The controller's version is its own (`@Controller({ version })`), else the app's `defaultVersion`.
 * What cannot be applied is reported (`report`) and left out: versions or options that are not
 * literals, and a method's own `@Version(...)` that differs from its controller's, since klotho
 * mounts a controller, with all its routes, once per version.
 */
export function controllerVersionSegments(versioning: UriVersioning | undefined, controller: ControllerInfo, routes: readonly RouteVersion[], report: (diagnostic: Diagnostic) => void): string[] {
  if (!versioning) return ["/"];
  const own = controller.version !== undefined;
  const versions = controller.version ?? versioning.defaultVersion;
  const subject = `the routes of controller '${controller.name ?? "anonymous"}'`;
  let segments = ["/"];
  if (versions === "unknown") {
    report(createDiagnostic("nestjs/uri-versioning", { range: own ? controller.range : versioning.range }, subject, own ? "its version is not a literal" : "the default version is not a literal"));
  } else if (versions !== undefined && versions.some((version) => version !== null)) {
    if (versioning.uncertainType || versioning.prefix === undefined) {
      report(createDiagnostic("nestjs/uri-versioning", { range: versioning.range }, subject, "klotho cannot read the versioning type or prefix"));
    } else segments = segmentsOf(versions, versioning.prefix);
  }
  for (const route of routes) {
    const same = route.versions !== "unknown" && sameSegments(segmentsOf(route.versions, versioning.prefix ?? "v"), segments);
    if (!same) report(createDiagnostic("nestjs/route-version", { range: route.range }));
  }
  return segments;
}

function segmentsOf(versions: readonly Version[], prefix: string): string[] {
  const segments = versions.map((version) => (version === null ? "/" : `/${prefix}${version}`));
  return segments.filter((segment, index) => segments.indexOf(segment) === index);
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment) => b.includes(segment));
}
