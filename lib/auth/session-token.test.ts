import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { readSessionClaims } from "./session-token";

const secret = "session-token-test-secret-0123456789";
const claims = { uid: "7d7c8f8e-1111-4a4a-9b9b-0123456789ab", wid: "1f0adc67-3000-4d42-8dbe-43ea6bd87e3d", sid: "0b0b0b0b-2222-4c4c-8d8d-abcdefabcdef", role: "agent" as const };
const read = (cookies: Record<string, string>, s = secret) => readSessionClaims({ cookies: new Map(Object.entries(cookies)), headers: new Headers(), secret: s });

describe("readSessionClaims", () => {
  it("reads what next-auth's own encode wrote", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    expect(await read({ "next-auth.session-token": token })).toEqual({ userId: claims.uid, workspaceId: claims.wid, sessionId: claims.sid });
    // The key is derived once and reused: a second read of another token still works.
    const other = await encode({ token: { ...claims, sid: undefined }, secret, maxAge: 3600 });
    expect(await read({ "next-auth.session-token": other })).toEqual({ userId: claims.uid, workspaceId: claims.wid, sessionId: undefined });
  });

  it("joins a token next-auth split into chunks, in chunk order", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const cut = Math.floor(token.length / 2);
    expect(await read({ "next-auth.session-token.1": token.slice(cut), "next-auth.session-token.0": token.slice(0, cut) })).toMatchObject({ userId: claims.uid });
  });

  it("refuses a missing, tampered, foreign or expired token", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    expect(await read({})).toBeNull();
    expect(await read({ "next-auth.session-token": `${token.slice(0, -3)}AAA` })).toBeNull();
    expect(await read({ "next-auth.session-token": token }, "another-secret-of-another-deployment")).toBeNull();
    expect(await read({ "next-auth.session-token": await encode({ token: claims, secret, maxAge: -60 }) })).toBeNull();
    // A token without our claims (not one our sign-in minted) is no session.
    expect(await read({ "next-auth.session-token": await encode({ token: { sub: "x" }, secret, maxAge: 3600 }) })).toBeNull();
  });
});
