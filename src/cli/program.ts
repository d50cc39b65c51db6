import { Command, CommanderError, Option } from "commander";
import { klothoVersion } from "../load/package-assets.js";
import { ExitCode, type CliIo } from "./io.js";
import { toCommandOptions, type CommandOptions, type RawOptions } from "./options.js";

/** The command the user asked for, once argv is parsed. */
export type Invocation =
  | { readonly command: "compile"; readonly options: CommandOptions }
  | { readonly command: "explain"; readonly target?: string; readonly all: boolean; readonly options: CommandOptions }
  | { readonly command: "rules-test"; readonly paths: readonly string[]; readonly options: RulesTestOptions }
  | { readonly command: "exit"; readonly code: number };

/** Options of `klotho rules test`. */
export interface RulesTestOptions {
  /** Whose built-in provider rules to load (`providers/<provider>/`). */
  readonly provider: string;
  readonly json: boolean;
  readonly color: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The options of `compile` and `explain`; only `compile`, which writes, has an output folder. */
function addSharedOptions(command: Command, writes: boolean): Command {
  command.option("--app <name>", "application name (overrides klotho.yaml)").option("--provider <provider>", "cloud provider: aws");
  if (writes) command.option("-o, --out-dir <dir>", "output folder (default: compiled)").addOption(new Option("--outDir <dir>").hideHelp());
  return command
    .option("-c, --config <file>", "klotho.yaml to use (.yaml, .yml or .json)")
    .option("--rules <path>", "extra rule file or folder; repeatable", collect, [])
    .option("--strict", writes ? "treat warnings as errors" : "treat warnings as errors: exit 1 when a compile with --strict would fail")
    .option("--json", "print one JSON document instead of text")
    .option("-v, --verbose", "print every annotation found, and the built-in rules your rule files replace")
    .option("--no-color", "never colour the output")
    .addOption(new Option("--timings", "print the time spent in each stage").hideHelp());
}

/** Parses argv into an invocation; help, version and usage errors become an `exit`. */
export function parseArguments(argv: readonly string[], io: CliIo): Invocation {
  let invocation: Invocation | undefined;
  const json = argv.includes("--json");
  const program = new Command("klotho")
    .description("Architecture-from-code compiler: reads an annotated Node.js app and writes the cloud resources it needs.")
    .version(klothoVersion(), "--version", "print the version")
    .helpOption("-h, --help", "print help")
    .exitOverride()
    // Under --json a usage error is a JSON document too (help and --version stay text).
    .configureOutput({ writeOut: io.stdout, writeErr: json ? () => undefined : io.stderr })
    // The options live on the default `compile` command, which the top-level help does not list.
    .addHelpText("after", "\nTo compile: klotho [compile] <path> --app <name> --provider aws [options]\n`klotho compile --help` lists every option.");
  addSharedOptions(program.command("compile [path]", { isDefault: true }).description("compile the project at <path> (default: .)"), true).action(
    (path: string | undefined, raw: RawOptions) => {
      invocation = { command: "compile", options: toCommandOptions(path, raw) };
    },
  );
  addSharedOptions(
    program
      .command("explain [target] [path]")
      .description("explain why each resource exists: a resource id (exec_unit:pugs), an annotation (<file>:<line>), the network (network or vpc), or every resource")
      .option("--all", "also show the rules that were evaluated and did not fire"),
    false,
  ).action((target: string | undefined, path: string | undefined, raw: RawOptions & { all?: boolean }) => {
    invocation = { command: "explain", ...(target !== undefined ? { target } : {}), all: raw.all ?? false, options: toCommandOptions(path, raw) };
  });
  addRulesCommand(program, (next) => (invocation = next));
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      if (json && code !== ExitCode.ok) {
        const diagnostic = { code: "cli/invalid-usage", severity: "error", message: error.message.replace(/^error: /, "") };
        io.stdout(`${JSON.stringify({ ok: false, diagnostics: [diagnostic] }, null, 2)}\n`);
      }
      return { command: "exit", code };
    }
    throw error;
  }
  return invocation ?? { command: "exit", code: ExitCode.usage };
}

/** `klotho rules test [paths...]`: runs the cases files of the built-in rules, or of the rule files at `paths`. */
function addRulesCommand(program: Command, invoke: (invocation: Invocation) => void): void {
  const rules = program.command("rules").description("work with rule files: `klotho rules test` runs their cases");
  rules
    .command("test [paths...]")
    .description("run the cases files (<name>.cases.yaml) of the built-in rules, or of the rule files in the given files and folders")
    .option("--provider <provider>", "provider whose built-in rules are loaded", "aws")
    .option("--json", "print one JSON document instead of text")
    .option("--no-color", "never colour the output")
    .action((paths: string[], raw: { provider: string; json?: boolean; color?: boolean }) => {
      invoke({ command: "rules-test", paths, options: { provider: raw.provider, json: raw.json ?? false, color: raw.color ?? true } });
    });
}
