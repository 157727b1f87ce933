import { Argument, type Command } from "commander";
import { SHELLS, type Shell } from "../shells.ts";
import { UsageError } from "../errors.ts";
import type { IO } from "../io.ts";
import { quote } from "../text.ts";
import { examples } from "./options.ts";

/**
 * `completion <shell>`: prints a completion script for bash, zsh or fish. The script holds the
 * command tree as static data, so completing never runs the CLI (fast, and no token involved).
 */
export function completionCommand(parent: Command, io: Pick<IO, "out">): Command {
  const command = parent
    .command("completion")
    .summary("Print a shell completion script for bash, zsh or fish.")
    .description("Print a completion script for bash, zsh or fish on stdout, for the shell to load (see the examples).")
    // Choices are listed in help and completed; the check is ours, for a message with a hint.
    .addArgument(new Argument("<shell>", "The shell to complete in.").choices(SHELLS).argParser((value) => value));
  examples(command, [
    "# bash: add this line to ~/.bashrc",
    "source <(dagster-cloud completion bash)",
    "# bash, or save it where bash-completion finds it",
    "dagster-cloud completion bash > ~/.local/share/bash-completion/completions/dagster-cloud",
    "# zsh: add this line to ~/.zshrc, after compinit",
    "source <(dagster-cloud completion zsh)",
    "# fish",
    "dagster-cloud completion fish > ~/.config/fish/completions/dagster-cloud.fish",
  ]);
  command.action(async (shell: string) => {
    let root = command;
    while (root.parent) root = root.parent;
    const chosen = parseShell(shell);
    // The generator loads only here: every other start is spared its ~7 KB.
    io.out((await import("../completion.ts")).completionScript(root, chosen));
  });
  return command;
}

export function parseShell(value: string): Shell {
  const shell = SHELLS.find((s) => s === value.trim().toLowerCase());
  if (shell) return shell;
  throw new UsageError(`Unknown shell ${quote(value, 40)}: expected bash, zsh or fish.`, {
    hint: "e.g. source <(dagster-cloud completion bash)",
  });
}
