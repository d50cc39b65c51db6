import type { ProjectTextFile } from "../../load/project.js";
import { parseJsonModule } from "../../load/json-file.js";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { LineIndex } from "../../util/line-index.js";
import { ObjectRef, UNKNOWN, type Value } from "./values.js";

/**
 * The values of the project's JSON modules (`require("./config.json")`, `import config from
 * "./config.json"`), read on first import: objects, arrays and strings as the file holds them, so
 * that `config.prefix` is a known path; numbers, booleans and null are unknown, as everywhere else.
 * A file too large to have been read is unknown; one that does not parse is unknown and a warning
 * at the place it stops (the code importing it would throw).
 */
export function jsonModules(files: readonly ProjectTextFile[], diagnostics: Diagnostic[]): (file: string) => Value {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const values = new Map<string, Value>();
  return (file) => {
    let value = values.get(file);
    if (value === undefined) values.set(file, (value = read(file, texts.get(file), diagnostics)));
    return value;
  };
}

function read(file: string, text: string | undefined, diagnostics: Diagnostic[]): Value {
  if (text === undefined) return UNKNOWN;
  const parsed = parseJsonModule(text);
  if ("data" in parsed) return toValue(parsed.data, file, { next: 0 });
  const range = parsed.offset === undefined ? undefined : new LineIndex(text).range(file, parsed.offset, parsed.offset);
  diagnostics.push(createDiagnostic("facts/invalid-json-module", range ? { range } : {}, file, parsed.error));
  return UNKNOWN;
}

function toValue(data: unknown, file: string, counter: { next: number }): Value {
  if (typeof data === "string") return { kind: "string", value: data };
  if (Array.isArray(data)) return { kind: "array", items: data.map((item) => toValue(item, file, counter)) };
  if (data === null || typeof data !== "object") return UNKNOWN;
  // Identity is the allocation site elsewhere; here the object's place in the file, in document order.
  const ref = new ObjectRef("plain", `${file}:json${String(counter.next++)}`, undefined);
  for (const [key, item] of Object.entries(data)) ref.props.set(key, toValue(item, file, counter));
  return { kind: "object", ref };
}
