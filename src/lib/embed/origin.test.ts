import { describe, expect, it } from "vitest";
import { parseOrigin } from "./origin.ts";

describe("parseOrigin", () => {
  it("accepts an https or http origin, with or without a trailing slash, and returns it canonical", () => {
    expect(parseOrigin("https://course.example")).toBe("https://course.example");
    expect(parseOrigin("https://course.example/")).toBe("https://course.example");
    expect(parseOrigin("http://localhost:4321")).toBe("http://localhost:4321");
    expect(parseOrigin("https://Course.Example")).toBe("https://course.example");
  });

  it("drops a default port the way browsers spell the origin", () => {
    expect(parseOrigin("https://course.example:443")).toBe(null);
    expect(parseOrigin("https://course.example:8443")).toBe("https://course.example:8443");
  });

  it("refuses anything that is more or less than one origin", () => {
    for (const bad of [
      null,
      undefined,
      "",
      "*",
      "null",
      "course.example",
      "//course.example",
      "https://course.example/path",
      "https://course.example/?q=1",
      "https://course.example#x",
      "https://user:pw@course.example",
      "https://evil.example@course.example",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "ftp://course.example",
      "https://course.example\n",
      " https://course.example",
      "https://cour se.example",
      `https://${"a".repeat(300)}.example`,
      "https://<script>.example",
    ]) {
      expect(parseOrigin(bad as string), String(bad)).toBe(null);
    }
  });
});
