import { Command, CommanderError, Option } from "commander";
import { klothoVersion } from "../load/package-assets.js";
import { ExitCode, type CliIo } from "./io.js";
import { toCommandOptions, type CommandOptions, type RawOptions } from "./options.js";

/** The command the user asked for, once argv is parsed. */
export type Invocation =
  | { readonly command: "compile"; readonly options: CommandOptions }
  | { readonly command: "explain"; readonly resource?: string; readonly options: CommandOptions }
  | { readonly command: "exit"; readonly code: number };

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function addSharedOptions(command: Command): Command {
  return command
    .option("--app <name>", "application name (overrides klotho.yaml)")
    .option("--provider <provider>", "cloud provider: aws")
    .option("-o, --out-dir <dir>", "output folder (default: compiled)")
    .addOption(new Option("--outDir <dir>").hideHelp())
    .option("-c, --config <file>", "klotho.yaml to use (.yaml, .yml or .json)")
    .option("--rules <path>", "extra rule file or folder; repeatable", collect, [])
    .option("--strict", "treat warnings as errors")
    .option("--json", "print one JSON document instead of text")
    .option("-v, --verbose", "print every annotation, fact and decision")
    .option("--no-color", "never colour the output")
    .addOption(new Option("--timings", "print the time spent in each stage").hideHelp());
}

/** Parses argv into an invocation; help, version and usage errors become an `exit`. */
export function parseArguments(argv: readonly string[], io: CliIo): Invocation {
  let invocation: Invocation | undefined;
  const program = new Command("klotho")
    .description("Architecture-from-code compiler: reads an annotated Node.js app and writes the cloud resources it needs.")
    .version(klothoVersion(), "--version", "print the version")
    .helpOption("-h, --help", "print help")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // The options live on the default `compile` command, which the top-level help does not list.
    .addHelpText("after", "\nTo compile: klotho [compile] <path> --app <name> --provider aws [options]\n`klotho compile --help` lists every option.");
  addSharedOptions(program.command("compile [path]", { isDefault: true }).description("compile the project at <path> (default: .)")).action(
    (path: string | undefined, raw: RawOptions) => {
      invocation = { command: "compile", options: toCommandOptions(path, raw) };
    },
  );
  addSharedOptions(
    program.command("explain [resource] [path]").description("explain why each resource exists (rules, facts, config)"),
  ).action((resource: string | undefined, path: string | undefined, raw: RawOptions) => {
    invocation = { command: "explain", ...(resource ? { resource } : {}), options: toCommandOptions(path, raw) };
  });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return { command: "exit", code };
    }
    throw error;
  }
  return invocation ?? { command: "exit", code: ExitCode.usage };
}
