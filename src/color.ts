import { Chalk, type ChalkInstance } from "chalk";

/** Loaded only when stderr gets colour: chalk's import costs start-up time otherwise wasted. */
export function colorStyle(level: 1 | 2 | 3): ChalkInstance {
  return new Chalk({ level });
}
