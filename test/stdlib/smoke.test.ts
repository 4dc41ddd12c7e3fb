import { describe, expect, it } from "vitest";
import { run } from "../../src/index.js";

describe("stdlib smoke", () => {
  it("imports math", async () => {
    const r = await run({ source: "import math; print(math.sqrt(16));" });
    expect(r.stdout).toBe("4\n");
  });
});
