import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER } from "./client-ip";

describe("clientIp", () => {
  it("ignores X-Forwarded-For without trusted proxies: rotating it changes nothing", () => {
    for (const xff of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "spoofed"]) {
      expect(clientIp({ "x-forwarded-for": xff, [PEER_HEADER]: "203.0.113.7" }, 0)).toBe("203.0.113.7");
    }
  });

  it("with one trusted proxy, takes the address that proxy saw (the rightmost), not what the client wrote", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 198.51.100.4", [PEER_HEADER]: "10.0.0.2" }, 1)).toBe("198.51.100.4");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.9", [PEER_HEADER]: "10.0.0.2" }, 2)).toBe("198.51.100.4");
  });

  it("falls back to the peer when the chain is shorter than the proxies configured", () => {
    expect(clientIp({ [PEER_HEADER]: "10.0.0.2" }, 1)).toBe("10.0.0.2");
    expect(clientIp(undefined, 0)).toBeNull();
  });
});
