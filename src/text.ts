/**
 * Text from outside (the server, files, git, the command line) is untrusted: before it reaches a
 * terminal or a CI log, control characters and escape sequences are made visible, and no line may
 * start a CI workflow command (GitHub's `::add-mask::`, Azure's `##vso[...]`).
 */

/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

function escapeControl(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Lines that CI runners read as commands: `::set-output ...`, `##[group]`, `##vso[task...]`. */
const WORKFLOW_COMMAND = /^(\s*)(::|##)/gmu;

/** Stops a line from being read as a CI workflow command, without hiding what it said. */
export function defuseWorkflowCommands(text: string): string {
  return text.replace(WORKFLOW_COMMAND, (_match, space: string, marker: string) => `${space}${marker[0]}\u200b${marker[1]}`);
}

/**
 * One line of untrusted text, safe to print: every control character (newlines included) is
 * escaped (`\n`, `\e`, `\u0007`), and the result is cut to `max` characters with an ellipsis.
 */
export function oneLine(text: string, max = 300): string {
  const escaped = defuseWorkflowCommands(text.replace(CONTROL, escapeControl));
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/**
 * Several lines of untrusted text (a load error's traceback): newlines kept, tabs kept, every other
 * control character escaped, at most `maxLines` lines of at most `maxWidth` characters each.
 */
export function safeLines(text: string, maxLines = 200, maxWidth = 1000): string {
  const lines = text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => {
      const escaped = line.replace(CONTROL, (char) => (char === "\t" ? char : escapeControl(char)));
      return escaped.length > maxWidth ? `${escaped.slice(0, maxWidth - 1)}…` : escaped;
    });
  const kept = lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`] : lines;
  return defuseWorkflowCommands(kept.join("\n"));
}

/** A value for a message: in double quotes, on one line, cut when long. `quote("a\nb")` is `"a\nb"`. */
export function quote(value: string, max = 80): string {
  return `"${oneLine(value.replace(/\\/g, "\\\\").replace(/"/g, '\\"'), max)}"`;
}
