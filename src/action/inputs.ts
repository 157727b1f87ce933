/**
 * The action's inputs as the runner passes them: `INPUT_<NAME>`, the name upper-cased with spaces
 * turned into underscores and hyphens kept (`api-token` → `INPUT_API-TOKEN`). An empty input is
 * absent. Inputs with a default in action.yml always arrive.
 */

export interface ActionInputs {
  organization: string | undefined;
  url: string | undefined;
  apiToken: string | undefined;
  locationFile: string;
  locationName: string | undefined;
  image: string | undefined;
  baseDeploymentName: string | undefined;
}

export function input(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
  return value ? value : undefined;
}

export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  return {
    organization: input(env, "organization"),
    url: input(env, "url"),
    apiToken: input(env, "api-token"),
    locationFile: input(env, "location-file") ?? "dagster_cloud.yaml",
    locationName: input(env, "location-name"),
    image: input(env, "image"),
    baseDeploymentName: input(env, "base-deployment-name"),
  };
}

/** The connection flags: inputs are the workflow's explicit choice, as flags are on a command line. */
export function connectionArgs(inputs: ActionInputs): string[] {
  if (inputs.url !== undefined) return ["--url", inputs.url];
  return inputs.organization === undefined ? [] : ["--organization", inputs.organization];
}
