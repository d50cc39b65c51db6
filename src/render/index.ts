import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasFailures } from "../diagnostics/diagnostic.js";
import { progressMessages } from "../diagnostics/progress.js";
import type { ConfigFile } from "../load/config.js";
import type { Plan } from "../plan/index.js";
import { createContext } from "./context.js";
import { buildProgram } from "./program.js";
import { projectFiles, type ProjectFile } from "./project-files.js";
import { createTemplateRenderer } from "./template-engine.js";

/** What rendering needs: the plan, the provider's templates (read by load/) and the klotho.yaml. */
export interface RenderInput {
  readonly plan: Plan;
  readonly templates: ReadonlyMap<string, string>;
  /** Templates compiled ahead, by their text (load/templates.ts). */
  readonly precompiled?: ReadonlyMap<string, object>;
  readonly configFile?: ConfigFile;
}

/** The Pulumi project's files, or diagnostics saying why it cannot be made. */
export interface RenderResult {
  readonly files: readonly ProjectFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly progress: readonly string[];
}

export type { ProjectFile } from "./project-files.js";

/**
 * The Pulumi TypeScript program for the plan (`index.ts`) and its project files. Nunjucks is
 * loaded here, on first use; nothing is rendered when the plan has something the program
 * cannot create.
 */
export async function renderInfrastructure(input: RenderInput): Promise<RenderResult> {
  const context = createContext(input.plan, input.configFile);
  const program = buildProgram(context);
  const progress = [progressMessages.addingResource(`aws_template_data:${input.plan.app}`), progressMessages.addingResource("infra_as_code:Pulumi (AWS)")];
  if (hasFailures(context.diagnostics)) return { files: [], diagnostics: context.diagnostics, progress: [] };
  const templates = await createTemplateRenderer(input.templates, input.precompiled);
  const blocks = program.blocks.map((block) => templates.render(block.template, { r: block.model }).trimEnd());
  const needs = Object.fromEntries([...program.needs].map((need) => [need, true]));
  const index = templates.render("program.njk", { app: program.app, blocks, outputs: program.outputs, needs });
  return { files: [{ path: "index.ts", contents: index }, ...projectFiles(input.plan)], diagnostics: context.diagnostics, progress };
}
