import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor } from "./cursor";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");

describe("keyset cursors", () => {
  it("round-trips what Postgres gives us", () => {
    expect(decodeCursor(encodeCursor("2026-11-24 09:15:02.123456+00", ID))).toEqual({ ts: "2026-11-24 09:15:02.123456+00", id: ID });
  });

  it.each([
    ["not base64", "%%%"],
    ["no separator", b64("2026-11-24 09:15:02+00")],
    ["a year Postgres refuses", b64(`99999-11-24 09:15:02+00|${ID}`)],
    ["a day that does not exist", b64(`2026-02-30 09:15:02+00|${ID}`)],
    ["an hour that does not exist", b64(`2026-11-24 25:15:02+00|${ID}`)],
    ["ISO instead of Postgres text", b64(`2026-11-24T09:15:02Z|${ID}`)],
    ["a bad id", b64("2026-11-24 09:15:02+00|0f8fad5b-d9cb-469f-a165-70867728950")],
    ["an offset Postgres refuses", b64(`2026-11-24 09:15:02+99|${ID}`)],
    ["three parts", b64(`2026-11-24 09:15:02+00|${ID}|x`)],
  ])("refuses %s with a 400 field error", (_, cursor) => {
    let err: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, fields: { cursor: ["Invalid cursor."] } });
  });

  it("never throws anything but a 400 for arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          decodeCursor(s);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).status).toBe(400);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
