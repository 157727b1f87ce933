/** Parses the location file keeping enough of the YAML tree to say on which line a key is. */
import type { Document, LineCounter, Node as YamlNode } from "yaml";
import { ConfigError } from "../errors.ts";

export type YamlPath = readonly (string | number)[];

export interface ParsedYaml {
  data: unknown;
  /** 1-based line of the key (or list item) at `path`; undefined when the path is not in the file. */
  lineOf(path: YamlPath): number | undefined;
}

export async function parseLocationYaml(text: string, file: string): Promise<ParsedYaml> {
  const yaml = await import("../settings/parsers.ts");
  const lineCounter: LineCounter = new yaml.LineCounter();
  const doc: Document.Parsed = yaml.parseDocument(text, { lineCounter, logLevel: "error" });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0].line;
    const detail = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    throw invalid(file, line, detail, error);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw invalid(file, undefined, (cause as Error).message.split("\n")[0] ?? "", cause);
  }

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

function invalid(file: string, line: number | undefined, detail: string, cause: unknown): ConfigError {
  const where = line === undefined ? file : `${file}:${line}`;
  return new ConfigError(`${where}: invalid YAML: ${detail}`, { hint: `Fix the YAML syntax of ${file}.`, cause });
}
