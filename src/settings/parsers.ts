// Static imports, loaded through one dynamic import of this module: a bundled dynamic import of a
// CommonJS package (yaml is one) exposes only `default`, not its named exports.
export { parse as parseYaml } from "yaml";
// For files whose errors should name a line (the location file, src/location/yaml-file.ts).
export { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
export { parse as parseToml } from "smol-toml";
