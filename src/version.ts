declare const __VERSION__: string | undefined;

/** The package version, put in by the build (esbuild `define`) and by vitest's config. */
export const VERSION: string = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";
