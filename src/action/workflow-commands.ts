/**
 * GitHub's workflow commands (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions),
 * written by the action's own process: the CLI it runs never lets a line start with `::`.
 */
import { randomUUID } from "node:crypto";

/** As @actions/core escapes a command's message: a message stays on its one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export const addMask = (secret: string): string => `::add-mask::${escapeData(secret)}\n`;
export const error = (message: string): string => `::error::${escapeData(message)}\n`;
export const warning = (message: string): string => `::warning::${escapeData(message)}\n`;

/**
 * One output for $GITHUB_OUTPUT in the delimiter form (`name<<DELIM`, value, `DELIM`), so that no
 * value can end the entry early or add another output; the delimiter is random per entry.
 */
export function outputEntry(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (!/^[\w-]+$/.test(name)) throw new Error(`invalid output name ${JSON.stringify(name)}`);
  if (value.includes(delimiter)) throw new Error("an output value contains its delimiter");
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
