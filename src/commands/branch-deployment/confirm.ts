import { createInterface } from "node:readline";

/**
 * A yes/no question on a terminal: the question goes to `output` (stderr, so stdout stays the
 * result), one line is read from `input`. Only `y` or `yes` (any case) means yes; an empty line,
 * anything else, or the end of input means no.
 */
export function createConfirm(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): (question: string) => Promise<boolean> {
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input, output, terminal: false });
      let answered = false;
      rl.once("line", (line) => {
        answered = true;
        rl.close();
        resolve(/^\s*y(es)?\s*$/i.test(line));
      });
      rl.once("close", () => {
        if (!answered) resolve(false);
      });
      output.write(question);
    });
}
