/** Parses the location file keeping enough of the YAML tree to say on which line a key is. */
import type { Node as YamlNode } from "yaml";
import { ConfigError } from "../errors.ts";
import { oneLine } from "../text.ts";

export type YamlPath = readonly (string | number)[];

export interface ParsedYaml {
  data: unknown;
  /** 1-based line of the key (or list item) at `path`; undefined when the path is not in the file. */
  lineOf(path: YamlPath): number | undefined;
}

export async function parseLocationYaml(text: string, file: string): Promise<ParsedYaml> {
  const yaml = await import("../settings/parsers.ts");
  let parsed: ReturnType<typeof yaml.parseYaml>;
  try {
    parsed = yaml.parseYaml(text);
  } catch (error) {
    if (!(error instanceof yaml.ParseProblem)) throw error;
    // No `cause`: the parser's own error may carry an excerpt of the file (env values, secrets).
    const where = error.line === undefined ? file : `${file}:${error.line}`;
    throw new ConfigError(`${where}: invalid YAML: ${oneLine(error.detail, 200)}`, { hint: `Fix the YAML syntax of ${file}.` });
  }
  const { data, doc, lineCounter } = parsed;

  const lineAt = (node: { range?: readonly number[] | null } | null | undefined): number | undefined => {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const lineOf = (path: YamlPath): number | undefined => {
    let node: unknown = doc.contents;
    let line = lineAt(doc.contents);
    for (const step of path) {
      if (yaml.isMap(node)) {
        const pair = node.items.find((item) => yaml.isScalar(item.key) && String(item.key.value) === String(step));
        if (pair === undefined) return undefined;
        line = lineAt(pair.key as YamlNode);
        node = pair.value;
      } else if (yaml.isSeq(node) && typeof step === "number") {
        const item = node.items[step];
        if (item === undefined) return undefined;
        line = lineAt(item as YamlNode);
        node = item;
      } else {
        return undefined; // a scalar, or an alias: not followed
      }
    }
    return line;
  };
  return { data, lineOf };
}
