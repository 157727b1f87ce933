// Preloaded with `node --import`: records every ES module the process loads, and at exit the
// built-in modules it loaded, into the file named by TRACE_LOADS_FILE (one per line).
import { appendFileSync } from "node:fs";
import { register } from "node:module";

const file = process.env.TRACE_LOADS_FILE;
// The hooks run on a loader thread; their own imports must be static (a dynamic import inside
// resolve() would re-enter resolve()).
const hooks = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(file)}, "esm " + result.url + "\\n");
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
process.on("exit", () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => `builtin ${m.slice(13)}`);
  appendFileSync(file, `${builtins.join("\n")}\n`);
});
