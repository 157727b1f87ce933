import { describe, expect, it } from "vitest";
import { colorLevel, createIO, plainStyle } from "../../src/io.ts";

describe("colour is decided once, from stderr and the environment", () => {
  it.each<[boolean, Record<string, string>, number]>([
    [false, {}, 0],
    [true, {}, 1],
    [true, { NO_COLOR: "1" }, 0],
    [true, { NO_COLOR: "" }, 1],
    [false, { FORCE_COLOR: "1" }, 1],
    [false, { FORCE_COLOR: "3" }, 3],
    [true, { FORCE_COLOR: "0" }, 0],
    [false, { FORCE_COLOR: "1", NO_COLOR: "1" }, 0],
    [true, { TERM: "dumb" }, 0],
  ])("tty=%s env=%j -> level %i", (isTTY, env, level) => {
    expect(colorLevel({ write: () => true, isTTY }, env)).toBe(level);
  });

  it("plainStyle styles nothing, however it is chained", () => {
    expect(plainStyle.red.bold("Error:")).toBe("Error:");
    expect(plainStyle.dim("x")).toBe("x");
    expect(plainStyle.level).toBe(0);
  });

  it("stderr masks secrets; stdout is left alone", () => {
    let out = "";
    let err = "";
    const io = createIO({ stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } }, plainStyle);
    io.addSecret("secret-token-1");
    io.addSecret("abc");
    io.err("got secret-token-1 twice: secret-token-1, abc\n");
    io.out("name\n");
    expect(err).toBe("got **** twice: ****, abc\n");
    expect(out).toBe("name\n");
  });
});

describe("masking a secret cut short", () => {
  it("a message cut right inside a secret ('…') shows none of its characters", () => {
    let err = "";
    const io = createIO({ stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) } }, plainStyle);
    io.addSecret("user:secret-token-123456");
    io.err("server said: xxxxuser:secr…\n");
    io.err("and: use…\n");
    expect(err).toBe("server said: xxxx****…\nand: use…\n");
  });
});
