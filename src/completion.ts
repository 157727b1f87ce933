import type { Command, Option } from "commander";
import { SHELLS, type Shell } from "./shells.ts";

export { SHELLS, type Shell };

/** One option as completion sees it. Hidden ones are never offered, but their values are skipped. */
interface Flag {
  names: string[];
  long: string | undefined;
  short: string | undefined;
  description: string;
  hidden: boolean;
  takes: "none" | "required" | "optional";
  /** The value is a file or directory (`<path>`, `<file>`, `<dir>`): offer file names there. */
  files: boolean;
  choices: readonly string[];
}

/** One command; `path` is its names from the program down ("" for the program itself). */
interface Node {
  path: string;
  names: string[];
  description: string;
  hidden: boolean;
  flags: Flag[];
  /** The choices of each positional argument (empty when free text). */
  args: (readonly string[])[];
  children: Node[];
}

/**
 * A completion script for `shell`, made of the command tree alone: it never runs the CLI, so it is
 * instant and cannot read config or a token. Every name is checked to be shell-safe, and every
 * description is single-quoted, so nothing in the tree can inject shell code.
 */
export function completionScript(program: Command, shell: Shell): string {
  const root = toNode(program, "", false);
  const nodes = flatten(root);
  const bin = safeWord(program.name());
  if (shell === "fish") return fishScript(bin, nodes);
  return shell === "bash" ? bashScript(bin, coreFunctions(nodes, false)) : zshScript(bin, coreFunctions(nodes, true));
}

function toNode(command: Command, path: string, hidden: boolean): Node {
  const help = command.createHelp();
  const visible = help.visibleOptions(command);
  const visibleCommands = new Set(help.visibleCommands(command));
  const flags = [...visible.map((o) => toFlag(o, false)), ...command.options.filter((o) => !visible.includes(o)).map((o) => toFlag(o, true))];
  return {
    path,
    names: [command.name(), ...command.aliases()].map(safeWord),
    description: clean(command.summary() || command.description()),
    hidden,
    flags,
    args: command.registeredArguments.map((a) => (a.argChoices ?? []).map(safeWord)),
    children: command.commands.map((c) => toNode(c, path ? `${path} ${c.name()}` : c.name(), !visibleCommands.has(c))),
  };
}

function toFlag(option: Option, hidden: boolean): Flag {
  const long = option.long === undefined ? undefined : safeWord(option.long);
  const short = option.short === undefined ? undefined : safeWord(option.short);
  return {
    names: [long, short].filter((n): n is string => n !== undefined),
    long,
    short,
    description: clean(option.description),
    hidden,
    takes: option.required ? "required" : option.optional ? "optional" : "none",
    files: /[<[](path|file|dir|directory)[>\]]/i.test(option.flags),
    choices: (option.argChoices ?? []).map(safeWord),
  };
}

const flatten = (node: Node): Node[] => [node, ...node.children.flatMap(flatten)];

/** Names go into the script unquoted in places: only plain words are allowed (a bug otherwise). */
function safeWord(word: string): string {
  if (!/^-{0,2}[A-Za-z0-9][\w.-]*$/.test(word)) throw new Error(`Cannot complete ${JSON.stringify(word)}: not a plain word.`);
  return word;
}

/** One line of plain text for a description, short enough for a menu. */
function clean(text: string): string {
  const line = text.replace(/[\p{Cc}\p{Cf}\s]+/gu, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

const sq = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const arm = (patterns: string[], body: string): string => `    ${patterns.map(sq).join("|")}) ${body} ;;`;
type Candidate = { name: string; description: string };

/**
 * Shared by bash and zsh: `__dagster_cloud_candidates WORD... CURRENT` fills the caller's
 * `__dc_words` (and, for zsh, `__dc_descs`), or sets `__dc_files`, for the word being completed. It follows the
 * words to the command they name, skipping option values (`--opt value`, and `--opt = value` as
 * bash splits `--opt=value`), and counts positional arguments.
 */
function coreFunctions(nodes: Node[], describe: boolean): string {
  // bash cannot show descriptions: leave them out of its script (a third of the size).
  const add = (words: Candidate[]): string =>
    `__dc_words+=(${words.map((w) => sq(w.name)).join(" ")})${describe ? `; __dc_descs+=(${words.map((w) => sq(w.description)).join(" ")})` : ""}`;
  const walk: string[] = [];
  const values: string[] = [];
  const options: string[] = [];
  const words: string[] = [];
  for (const node of nodes) {
    for (const child of node.children) walk.push(arm(child.names.map((n) => `${node.path}|${n}`), `cmdpath=${sq(child.path)}`));
    for (const flag of node.flags.filter((f) => f.takes !== "none")) {
      const key = flag.names[0] ?? "";
      walk.push(arm(flag.names.map((n) => `${node.path}|${n}`), `pending=${flag.takes === "required" ? "r" : "o"} opt=${sq(key)}`));
      if (flag.files) values.push(arm([`${node.path}|${key}`], "__dc_files=1"));
      else if (flag.choices.length > 0) values.push(arm([`${node.path}|${key}`], add(flag.choices.map((c) => ({ name: c, description: "" })))));
    }
    const visibleFlags = node.flags.filter((f) => !f.hidden);
    const offered = visibleFlags.flatMap((f) => f.names.map((name) => ({ name, description: f.description })));
    if (offered.length > 0) options.push(arm([node.path], add(offered)));
    const commands = node.children.filter((c) => !c.hidden).flatMap((c) => c.names.map((name) => ({ name, description: c.description })));
    if (commands.length > 0) words.push(arm([`${node.path}|0`], add(commands)));
    node.args.forEach((choices, i) => {
      if (choices.length > 0) words.push(arm([`${node.path}|${i}`], add(choices.map((c) => ({ name: c, description: "" })))));
    });
  }
  return `__dagster_cloud_candidates() {
  local cmdpath= pending= opt= ended= npos=0 word cur
  __dc_words=(); __dc_descs=(); __dc_files=
  while [[ $# -gt 1 ]]; do
    word=$1; shift
    if [[ -n $pending ]]; then
      [[ $word == "=" ]] && continue
      if [[ $pending == o && $word == -* ]]; then pending=; else pending=; continue; fi
    fi
    if [[ -n $ended ]]; then npos=$((npos + 1)); continue; fi
    case "$cmdpath|$word" in
${walk.join("\n")}
    *'|--') ended=1 ;;
    *'|-'*) ;;
    *) npos=$((npos + 1)) ;;
    esac
  done
  cur=$1
  if [[ -n $pending && ( $pending == r || $cur != -* ) ]]; then
    case "$cmdpath|$opt" in
${values.join("\n")}
    esac
    return 0
  fi
  if [[ -z $ended && $cur == -* ]]; then
    [[ $cur == *=* ]] && return 0
    case "$cmdpath" in
${options.join("\n")}
    esac
    return 0
  fi
  case "$cmdpath|$npos" in
${words.join("\n")}
  esac
}`;
}

function bashScript(bin: string, core: string): string {
  return `# bash completion for ${bin}: static, made from the command tree by \`${bin} completion bash\`.
${core}

_dagster_cloud() {
  local -a __dc_words __dc_descs
  local __dc_files= cur=\${COMP_WORDS[COMP_CWORD]} w
  COMPREPLY=()
  __dagster_cloud_candidates "\${COMP_WORDS[@]:1:COMP_CWORD}"
  if [[ -n $__dc_files ]]; then
    compopt -o filenames 2>/dev/null || true
    while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -f -- "$cur")
    return 0
  fi
  for w in "\${__dc_words[@]}"; do [[ $w == "$cur"* ]] && COMPREPLY+=("$w"); done
  return 0
}
complete -F _dagster_cloud ${bin}
`;
}

function zshScript(bin: string, core: string): string {
  return `#compdef ${bin}
# zsh completion for ${bin}: static, made from the command tree by \`${bin} completion zsh\`.
${core}

_dagster_cloud() {
  local -a __dc_words __dc_descs described
  local __dc_files= i
  __dagster_cloud_candidates "\${(@)words[2,CURRENT]}"
  if [[ -n $__dc_files ]]; then _files; return; fi
  for (( i = 1; i <= \${#__dc_words}; i++ )); do
    described+=("\${__dc_words[i]//:/\\\\:}\${__dc_descs[i]:+:\${__dc_descs[i]}}")
  done
  (( \${#described} )) && _describe -t values ${bin} described
}

if [[ \${funcstack[1]} == _dagster_cloud ]]; then
  _dagster_cloud "$@"
elif (( \${+functions[compdef]} )); then
  compdef _dagster_cloud ${bin}
else
  print -u2 "${bin} completion: run 'autoload -Uz compinit && compinit' before loading it."
fi
`;
}

const fq = (text: string): string => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** fish completes options, their values and files itself; it needs to know where the line is. */
function fishScript(bin: string, nodes: Node[]): string {
  const cases: string[] = [];
  const lines: string[] = [`complete -c ${bin} -f`];
  const at = (path: string, npos?: number) => `-n ${fq(`__dagster_cloud_at "${path}"${npos === undefined ? "" : ` ${npos}`}`)}`;
  for (const node of nodes) {
    for (const child of node.children) {
      cases.push(`        case ${child.names.map((n) => fq(`${node.path}|${n}`)).join(" ")}\n            set cmdpath ${fq(child.path)}`);
      if (!child.hidden) for (const name of child.names) lines.push(`complete -c ${bin} ${at(node.path, 0)} -a ${name} -d ${fq(child.description)}`);
    }
    for (const flag of node.flags.filter((f) => f.takes !== "none")) {
      cases.push(`        case ${flag.names.map((n) => fq(`${node.path}|${n}`)).join(" ")}\n            set pending ${flag.takes === "required" ? "r" : "o"}`);
    }
    for (const flag of node.flags.filter((f) => !f.hidden)) {
      const names = [flag.short ? `-s ${flag.short.slice(1)}` : "", flag.long ? `-l ${flag.long.slice(2)}` : ""].filter(Boolean).join(" ");
      const value = flag.takes !== "required" ? "" : flag.files ? " -r -F" : flag.choices.length > 0 ? ` -x -a ${fq(flag.choices.join(" "))}` : " -x";
      lines.push(`complete -c ${bin} ${at(node.path)} ${names}${value} -d ${fq(flag.description)}`);
    }
    node.args.forEach((choices, i) => {
      if (choices.length > 0) lines.push(`complete -c ${bin} ${at(node.path, i)} -a ${fq(choices.join(" "))}`);
    });
  }
  return `# fish completion for ${bin}: static, made from the command tree by \`${bin} completion fish\`.
# Is the command line at this command (path of names) and, if given, at this positional argument?
function __dagster_cloud_at
    set -l cmdpath ''
    set -l npos 0
    set -l pending ''
    set -l ended 0
    for word in (commandline -opc)[2..-1]
        if test -n "$pending"
            set -l was $pending
            set pending ''
            if test $was = r; or not string match -q -- '-*' $word
                continue
            end
        end
        if test $ended = 1
            set npos (math $npos + 1)
            continue
        end
        switch "$cmdpath|$word"
${cases.join("\n")}
            case '*|--'
                set ended 1
            case '*|-*'
            case '*'
                set npos (math $npos + 1)
        end
    end
    test "$cmdpath" = "$argv[1]"; or return 1
    test (count $argv) -lt 2; and return 0
    test -z "$pending"; and test $npos = $argv[2]
end

${lines.join("\n")}
`;
}
