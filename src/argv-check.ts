import type { Command, Option } from "commander";
import { UsageError } from "./errors.ts";
import { describeArgument } from "./commands/options.ts";
import { oneLine } from "./text.ts";

/**
 * Checks argv before commander parses it. commander takes the argument after an option that needs
 * a value as that value, whatever it is; so an empty unquoted variable (`--author-name $EMPTY
 * --api-token "$T"`) makes `--api-token` the author's name and the token a stray argument — which
 * can then be sent as data (a location's name). An option's value given as a separate argument
 * that is itself an option of the command is therefore a usage error; `--flag=--value` is allowed.
 */
export function checkOptionValues(program: Command, argv: readonly string[]): void {
  const command = targetCommand(program, argv);
  const options = optionsOf(command);
  const known = new Set<string>(["-h", "--help"]);
  for (const option of options) {
    if (option.long) known.add(option.long);
    if (option.short) known.add(option.short);
  }
  for (let i = 0; i < argv.length - 1; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return;
    const option = options.find((o) => o.long === arg || o.short === arg);
    if (!option?.required) continue;
    const next = argv[i + 1] ?? "";
    const nextName = next.startsWith("--") ? next.split("=")[0] ?? next : next;
    if (known.has(nextName)) {
      throw new UsageError(`${arg} needs a value, but the next argument is the option ${nextName}.`, {
        hint: `An empty unquoted variable does this: quote it (${arg} "$VALUE"), or write ${arg}=VALUE.`,
      });
    }
    i++; // the value: never itself an option to check
  }
}

/** The command argv names (`branch-deployment create-or-update`), as deep as it goes. */
function targetCommand(program: Command, argv: readonly string[]): Command {
  let command = program;
  for (const arg of argv) {
    if (arg === "--") break;
    const next = command.commands.find((sub) => sub.name() === arg || sub.aliases().includes(arg));
    if (next) command = next;
  }
  return command;
}

/** The command's options and its ancestors' (global options such as --verbose). */
function optionsOf(command: Command): readonly Option[] {
  const all: Option[] = [];
  for (let current: Command | null = command; current; current = current.parent) all.push(...current.options);
  return all;
}

/**
 * commander's messages quote what the user typed; a mistyped `--api-tokn=<token>` would be
 * printed whole. Keep the option's name only, and shorten any other long quoted value.
 */
export function safeCommanderMessage(code: string, message: string): string {
  const text = message.replace(/^error: /, "").replace(/\n+/g, " ");
  if (code === "commander.unknownOption") {
    const flag = /unknown option '(.*)'/s.exec(text)?.[1] ?? "";
    const name = flag.startsWith("--") ? (flag.split("=")[0] ?? flag) : flag.slice(0, 2);
    const suggestion = /\(Did you mean (--[\w-]+)\?\)$/.exec(text)?.[1];
    return `unknown option '${oneLine(name, 40)}'${suggestion ? ` (Did you mean ${suggestion}?)` : ""}`;
  }
  return text.replace(/'([^']*)'/g, (_match, value: string) => (value.length <= 24 ? `'${oneLine(value)}'` : describeArgument(value)));
}
