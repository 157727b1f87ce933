/**
 * The command-line side of running git safely: `-c` settings that outrank the repository's config
 * (git passes them on to any git it runs itself), the one trusted directory, and `git log` options.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { gitFailure, shown, type Alternative } from "./git-failure.ts";

/**
 * `-c` settings for every call. Keys that only matter to a network transport (core.sshCommand,
 * core.askPass, core.gitProxy, remote.*.uploadpack) are unreachable once GIT_ALLOW_PROTOCOL is empty.
 */
const HARDENING = [
  "protocol.allow=never",
  // Runs a hook when git refreshes the index; none of our commands should, but nothing is lost.
  "core.fsmonitor=false",
  "core.pager=cat",
  // An empty value clears the list of helpers (programs) configured anywhere.
  "credential.helper=",
  // gpg.program / gpg.ssh.program run when log verifies signatures.
  "log.showSignature=false",
  // A bare repository planted inside a checkout is not discovered by walking up; GIT_DIR still works.
  "safe.bareRepository=explicit",
];

/**
 * The `-c` settings; `trustedDirectory` (absolute, symlinks resolved: git compares it with the work
 * tree's real path) becomes the one `safe.directory` this call trusts. Never `*`.
 */
export function gitConfig(trustedDirectory?: string): string[] {
  return trustedDirectory === undefined ? [...HARDENING] : [...HARDENING, `safe.directory=${trustedDirectory}`];
}

/** The trusted directory as git compares it: absolute, symlinks resolved (git uses the real cwd). */
export function trustedPath(cwd: string, trustedDirectory: string, alternative: Alternative): string {
  if (trustedDirectory.trim() === "" || trustedDirectory.includes("*")) {
    throw gitFailure(
      `the trusted git directory must name one directory, not ${JSON.stringify(shown(trustedDirectory))}`,
      "Pass the top directory of your checkout",
      alternative,
    );
  }
  const absolute = resolve(cwd, trustedDirectory);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute; // git will refuse it; its message names the directory to trust
  }
}

/** Options for `git log` that would otherwise let config run a program or add text to stdout. */
export const LOG_SAFETY = ["--no-show-signature", "--no-ext-diff", "--no-textconv"];
