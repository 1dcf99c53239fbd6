import { describe, expect, it } from "vitest";
import { errorFromResponse, isTransientGraphError, markMessageRead, networkSendError, SendError, sendMessage } from "./graph-client";

// Copies of shared/fixtures/whatsapp/send-*.json.
const FIXTURES: Record<string, unknown> = {
  "send-response-success.json": { messaging_product: "whatsapp", contacts: [{ input: "393471234567", wa_id: "393471234567" }], messages: [{ id: "wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQjM2QkE0N0Y1QzQ2RDNBQjYwAA==" }] },
  "send-error-131047.json": { error: { message: "(#131047) Re-engagement message", type: "OAuthException", code: 131047, error_data: { messaging_product: "whatsapp", details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." }, fbtrace_id: "AbCdEf123456" } },
  "send-error-130429.json": { error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: 130429, error_data: { messaging_product: "whatsapp", details: "Cloud API message throughput has been reached." }, fbtrace_id: "AbCdEf654321" } },
};
const fixture = (name: string) => FIXTURES[name];
const cfg = { accessToken: "tok", graphUrl: "https://graph.example/", apiVersion: "v23.0", phoneNumberId: "106540352242922" };

function answer(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  };
  return { calls, fetchImpl };
}

describe("sendMessage", () => {
  it("posts to /{version}/{phone-number-id}/messages with the bearer token and returns the wamid", async () => {
    const { calls, fetchImpl } = answer(200, fixture("send-response-success.json"));
    const body = { messaging_product: "whatsapp", to: "393471234567", type: "text", text: { body: "hi" } };
    expect(await sendMessage(cfg, body, fetchImpl)).toEqual({ wamid: "wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQjM2QkE0N0Y1QzQ2RDNBQjYwAA==" });
    expect(calls[0]!.url).toBe("https://graph.example/v23.0/106540352242922/messages");
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe("Bearer tok");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);
  });

  it("maps Meta's error shape to a SendError (fixtures)", async () => {
    const e1 = await sendMessage(cfg, {}, answer(400, fixture("send-error-131047.json")).fetchImpl).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(SendError);
    expect(e1).toMatchObject({ code: 131047, title: "Re-engagement message", httpStatus: 400, transient: false, uncertain: false });
    expect((e1 as SendError).details).toMatch(/24 hours/);
    const e2 = await sendMessage(cfg, {}, answer(400, fixture("send-error-130429.json")).fetchImpl).catch((e: unknown) => e);
    expect(e2).toMatchObject({ code: 130429, transient: true, uncertain: false });
  });

  it("treats a 2xx it cannot read as uncertain: Meta may have sent it", async () => {
    await expect(sendMessage(cfg, {}, answer(200, "{\"messaging").fetchImpl)).rejects.toMatchObject({ transient: true, uncertain: true });
    await expect(sendMessage(cfg, {}, answer(200, { messages: [] }).fetchImpl)).rejects.toMatchObject({ code: "bad_response", uncertain: true });
  });

  it("separates connection failures that never sent anything from ones that might have", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED", message: "connect ECONNREFUSED" } });
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET", message: "socket hang up" } });
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    expect(networkSendError(refused)).toMatchObject({ code: "network", transient: true, uncertain: false });
    expect(networkSendError(reset)).toMatchObject({ transient: true, uncertain: true });
    expect(networkSendError(timeout)).toMatchObject({ transient: true, uncertain: true });
    await expect(sendMessage(cfg, {}, async () => { throw refused; })).rejects.toMatchObject({ uncertain: false });
  });
});

describe("error classification", () => {
  it.each([
    [130429, 400, true], [131056, 400, true], [131000, 400, true], [2, 503, true], ["http_502", 502, true], [1, 500, true],
    [131047, 400, false], [131026, 400, false], [131048, 400, false], [131008, 400, false], [131009, 400, false],
    [132000, 400, false], [132001, 400, false], [132015, 400, false], [190, 401, false], [100, 400, false], [104, 401, false],
  ])("code %s with HTTP %s → transient %s", (code, status, transient) => {
    expect(isTransientGraphError(code, status)).toBe(transient);
  });

  it("reads codes from non-Meta bodies too", () => {
    expect(errorFromResponse(502, "<html>Bad gateway</html>")).toMatchObject({ code: "http_502", transient: true });
    expect(errorFromResponse(429, null)).toMatchObject({ code: "http_429", transient: true });
    expect(errorFromResponse(400, { error: { message: "(#100) Invalid parameter", code: 100 } })).toMatchObject({ code: 100, title: "Invalid parameter", transient: false });
  });
});

describe("markMessageRead", () => {
  it("posts the read receipt body", async () => {
    const { calls, fetchImpl } = answer(200, { success: true });
    await markMessageRead(cfg, "wamid.IN1", fetchImpl);
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.IN1" });
  });
});
