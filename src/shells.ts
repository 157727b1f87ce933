/** The shells `completion` prints scripts for: a module of its own, so the command needs no generator at start-up. */
export type Shell = "bash" | "zsh" | "fish";
export const SHELLS: readonly Shell[] = ["bash", "zsh", "fish"];
