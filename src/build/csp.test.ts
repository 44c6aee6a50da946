import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from "./csp.ts";
import { SKY_SERVICES, SKY_SERVICE_ORIGINS } from "../widgets/sky-classifier/skyServices.ts";

/** Sources that name a host (anything but keywords like 'self', schemes like data:, and hashes). */
const hosts = (sources: readonly string[]) => sources.filter((s) => !s.startsWith("'") && !/^[a-z-]+:$/.test(s));

describe("the Content-Security-Policy's outside hosts", () => {
  it("lets fetch() reach exactly the sky classifier's two services and nothing else", () => {
    expect(SKY_SERVICE_ORIGINS).toEqual(["https://cds.unistra.fr", "https://www.legacysurvey.org"]);
    expect(hosts(CSP_DIRECTIVES["connect-src"])).toEqual(SKY_SERVICE_ORIGINS);
    expect(SKY_SERVICE_ORIGINS).toContain(new URL(SKY_SERVICES.sesame).origin);
    expect(SKY_SERVICE_ORIGINS).toContain(new URL(SKY_SERVICES.cutout).origin);
  });

  it("names no outside host in any other directive", () => {
    for (const [directive, sources] of Object.entries(CSP_DIRECTIVES)) {
      if (directive !== "connect-src") expect(hosts(sources), directive).toEqual([]);
    }
    // The written policy carries the hosts (whole origins, no wildcard).
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self' https://cds.unistra.fr https://www.legacysurvey.org;");
    expect(CONTENT_SECURITY_POLICY).not.toContain("*");
  });
});
