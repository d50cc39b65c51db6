import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as AjvModule from "ajv";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { readOwnText } from "./package-assets.js";
import { sha256 } from "../util/sha256.js";

/** One schema violation, with the JSON path of the offending value. */
export interface SchemaViolation {
  /** Path segments to the value the violation is about (keys and array indexes). */
  readonly path: readonly (string | number)[];
  /** True when the violation is about the key itself (an unknown property), not its value. */
  readonly atKey: boolean;
  readonly message: string;
}

/** Validates `value` against a schema; returns no violations when it conforms. */
export type SchemaValidator = (value: unknown) => SchemaViolation[];

const require = createRequire(import.meta.url);

/**
 * The ajv instance klotho's schemas are compiled with, at build time (scripts/build/validators.mjs) or
 * at run time alike. `verbose` gives each error its `parentSchema`, which the messages read to list
 * allowed keys.
 */
export function createSchemaCompiler(options: { standalone?: boolean } = {}): Ajv {
  // Loaded here, not imported: a compile that finds every validator prebuilt never loads ajv's compiler.
  const { Ajv: AjvClass } = require("ajv") as typeof AjvModule;
  const ajv = new AjvClass({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, ...(options.standalone ? { code: { source: true } } : {}) });
  // `tsType` tells scripts/generate-schema-types.mjs the TypeScript type of a free-form value; it validates nothing.
  ajv.addKeyword({ keyword: "tsType", schemaType: "string" });
  return ajv;
}

// The validators `npm run build` generated beside the compiled code (dist/validators/); none beside the TypeScript sources.
const prebuilt = new URL("../validators/", import.meta.url);
const compiled = new Map<string, ValidateFunction>();
let compiler: Ajv | undefined;

/** A schema text's hash, which a prebuilt validator carries (`schemaHash`). */
export function schemaHash(text: string): string {
  return sha256(text);
}

/** `schemas/<name>.schema.json` as a validate function: the prebuilt one for its text when there is one, else compiled now (once). */
function validatorFor(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (validate) return validate;
  const text = readOwnText(`schemas/${name}.schema.json`);
  const file = fileURLToPath(new URL(`${name}.cjs`, prebuilt));
  const built = existsSync(file) ? (require(file) as ValidateFunction & { schemaHash?: string }) : undefined;
  // A validator built from another text of the schema (edited since the build) is not used.
  if (built?.schemaHash === schemaHash(text)) {
    validate = built;
  } else {
    compiler ??= createSchemaCompiler();
    validate = compiler.compile(JSON.parse(text) as object);
  }
  compiled.set(name, validate);
  return validate;
}

/** A validator for klotho's own schema file `schemas/<name>.schema.json`. */
export function schemaValidator(name: string): SchemaValidator {
  return (value) => {
    const validate = validatorFor(name);
    if (validate(value)) return [];
    return simplify(validate.errors ?? []).map((error) => toViolation(error, value));
  };
}

/**
 * Drops the noise ajv adds for `oneOf`/`anyOf` branches and `propertyNames` when a more specific error
 * exists. Where a value matched no branch of a `oneOf`/`anyOf`, ajv reports every branch's complaint:
 * the branch the value was written for got furthest into it, so an error of another branch (at the
 * alternative's own level, while an error below it exists) is dropped. `{ all: [{ path: "type" }] }`
 * is then one error, the path's, not also "unknown property 'all'; expected one of: any" and
 * "missing the required property 'not'".
 */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const wrappers = new Set(["oneOf", "anyOf", "if", "propertyNames"]);
  const alternatives = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => e.instancePath);
  const below = (path: string, other: string): boolean => other.startsWith(`${path}/`);
  const furthest = errors.filter((e) => !alternatives.some((at) => at === e.instancePath || below(at, e.instancePath)) || !errors.some((other) => below(e.instancePath, other.instancePath)));
  const specific = furthest.filter((e) => !wrappers.has(e.keyword));
  const seen = new Set<string>();
  return (specific.length > 0 ? specific : [...furthest]).filter((e) => {
    const key = `${e.instancePath}|${e.propertyName ?? ""}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toViolation(error: ErrorObject, root: unknown): SchemaViolation {
  const path = pointerToPath(error.instancePath, root);
  const where = path.length > 0 ? `'${path.join(".")}'` : "the document";
  const params = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) {
    const detail = error.keyword === "pattern" ? `must match ${String(params["pattern"])}` : (error.message ?? "is invalid");
    return { path: [...path, error.propertyName], atKey: true, message: `property name '${error.propertyName}' in ${where} ${detail}` };
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      const properties: unknown = error.parentSchema?.["properties"];
      const allowed = Object.keys(properties && typeof properties === "object" ? properties : {}).sort();
      const expected = allowed.length > 0 ? `; expected one of: ${allowed.join(", ")}` : "";
      return { path: [...path, key], atKey: true, message: `unknown property '${key}' in ${where}${expected}` };
    }
    case "required":
      return { path, atKey: false, message: `${where} is missing the required property '${String(params["missingProperty"])}'` };
    case "enum":
      return {
        path,
        atKey: false,
        message: `${where} must be one of: ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "type":
      return { path, atKey: false, message: `${where} must be ${article(String(params["type"]))}` };
    case "pattern":
      return { path, atKey: false, message: `${where} must match ${String(params["pattern"])}${describe(error)}` };
    default:
      return { path, atKey: false, message: `${where} ${error.message ?? "is invalid"}${describe(error)}` };
  }
}

function describe(error: ErrorObject): string {
  const text: unknown = error.parentSchema?.["description"];
  return typeof text === "string" ? ` (${text})` : "";
}

function article(type: string): string {
  const words = type.split(",").map((t) => (t === "object" || t === "array" || t === "integer" ? `an ${t}` : `a ${t}`));
  return words.join(" or ");
}

/** Turns a JSON pointer into path segments, using numbers where the value is an array. */
function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === "") return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}
