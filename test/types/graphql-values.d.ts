// graphql 16 ships .mjs files without their own declarations; the ESM build must be imported so
// that schema objects come from the same module instance as `import "graphql"`.
declare module "graphql/execution/values.mjs" {
  export { getVariableValues } from "graphql/execution/values";
}
