import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sha256 } from "../util/sha256.js";

/**
 * The built-in rule files `npm run build` validated (scripts/build/checked-rules.mjs): each as
 * checkedRuleKey of its id and text, in dist/checked-rules.json. A compile loads those without
 * validating them again: their schema validator's load and the validation were about 30 ms of every
 * cold compile. A built-in file whose text is not the one built (edited in place) is validated as a
 * user's is. None beside the TypeScript sources.
 */
export function checkedBuiltInRules(): ReadonlySet<string> {
  checked ??= new Set(existsSync(CHECKED) ? (JSON.parse(readFileSync(CHECKED, "utf8")) as string[]) : []);
  return checked;
}

/** How the build records a built-in rule file it validated: the id its path gives and its text's hash. */
export function checkedRuleKey(expectedId: string, text: string): string {
  return `${expectedId} ${sha256(text)}`;
}

const CHECKED = fileURLToPath(new URL("../checked-rules.json", import.meta.url));
let checked: ReadonlySet<string> | undefined;
