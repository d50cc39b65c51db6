/**
 * Progress lines the compiler prints on stdout, in the original klotho's words. Texts live here and
 * nowhere else, like the diagnostics' in messages.ts.
 */
export const progressMessages = {
  addingResource: (id: string) => `Adding resource ${id}`,
  /** `-v`: an organisation rule file that replaced a built-in (or earlier) rule with the same id. */
  ruleReplaced: (id: string, file: string, replaced: readonly string[]) => `Using rule ${id} from ${file} (replaces ${replaced.join(", ")})`,
  catchallRoute: (gateway: string) => `Adding catchall route for gateway ${gateway} with no detected routes`,
  addingAsset: (file: string, unit: string) => `Adding asset '${file}' to unit '${unit}'`,
  /** An embedded TypeScript file, which the unit carries compiled. */
  addingCompiledAsset: (file: string, unit: string) => `Adding asset '${file}' to unit '${unit}', compiled to JavaScript`,
  /** The Next.js app files carried into a unit, e.g. `.next/ (51 files), public/ (2 files), next.config.js`. */
  addingNextApp: (parts: readonly string[], unit: string) => `Adding Next.js app files to unit '${unit}': ${parts.join(", ")}`,
  stackConfigCreated: (file: string, outDir: string, app: string) =>
    `${file}: Make sure to run \`pulumi config set aws:region YOUR_REGION --cwd '${outDir}/' -s '${app}'\` to configure the target AWS region.`,
} as const;
