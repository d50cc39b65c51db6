import { ExitCode, type CliIo } from "../io.js";
import type { CommandOptions } from "../options.js";

/** `klotho explain`: registered so its options parse; the explanation itself is not built yet. */
export function runExplain(_resource: string | undefined, _options: CommandOptions, io: CliIo): number {
  io.stderr("klotho explain is not available in this version yet; run `klotho <path> -v` to list annotations.\n");
  return ExitCode.usage;
}
