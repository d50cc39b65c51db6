import { stringify } from "yaml";
import type { KlothoConfig } from "../generated/klotho-config.js";
import type { Inputs } from "../load/inputs.js";
import { relativePosix } from "../util/paths.js";

/** `compiled/klotho.yaml`: the configuration in force for this compile. */
export function renderEffectiveConfig(inputs: Inputs): { path: string; contents: string } {
  const { settings, project } = inputs;
  const config: KlothoConfig = {
    app: settings.app,
    provider: settings.provider,
    path: ".",
    out_dir: relativePosix(project.root, settings.outDir) || ".",
  };
  return { path: "klotho.yaml", contents: stringify(config, { lineWidth: 0 }) };
}
