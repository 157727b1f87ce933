declare const __VERSION__: string | undefined;

/** The package version, put in by the build (esbuild `define`) and by vitest's config. */
export const VERSION: string = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

/**
 * The dagster-cloud-cli release whose protocol this CLI speaks, sent as `Dagster-Cloud-Version`
 * as the Python CLI sends its own version: the service may treat an unknown or old version as an
 * outdated client. Raise it when the documents in src/api/operations follow a newer release.
 */
export const PROTOCOL_VERSION = "1.13.7";
