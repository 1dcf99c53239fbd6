import fc from "fast-check";
import { expect, signedInApi, test, USERS } from "./fixtures";

// Whatever a client sends to a JSON route — any JSON, wrong types, NUL and lone surrogates,
// absurd numbers and dates, garbage cursors — the answer is never a 500, and a refused request
// changes nothing (the conversation and its messages are as they were).

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom("\u0000", "\ud83d", "\udc00x", "💥".repeat(3000), "<script>x</script>", "../../etc/passwd", "2026-02-30", "+275761-01-01T00:00:00Z"),
  fc.double(),
  fc.integer(),
  fc.constantFrom(8.64e15 + 1, -1, 1e308, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);
const bodyFor = (keys: string[]) => fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...keys), nasty, { maxKeys: keys.length }));


test("fuzzing every JSON route: never a 500, never a partial write", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const api = await signedInApi(baseURL!, USERS.leads.marco);
  const list = await (await api.get("/api/conversations?view=all&limit=5")).json();
  const id = list.items[0].id as string;
  const snapshot = async () => {
    const c = await (await api.get(`/api/conversations/${id}`)).json();
    const m = await (await api.get(`/api/conversations/${id}/messages?limit=200`)).json();
    return JSON.stringify({ status: c.status, priority: c.priority, assignee: c.assignee?.id ?? null, team: c.team?.id ?? null, snoozedUntil: c.snoozedUntil, messages: m.items.length });
  };

  const targets: { name: string; send: (v: unknown) => Promise<{ status: () => number }>; mutates: boolean }[] = [
    { name: "PATCH conversation", mutates: true, send: (v) => api.patch(`/api/conversations/${id}`, { headers: { "content-type": "application/json" }, data: JSON.stringify(v) }) },
    { name: "POST reply", mutates: true, send: (v) => api.post(`/api/conversations/${id}/messages`, { headers: { "content-type": "application/json" }, data: JSON.stringify(v) }) },
    { name: "POST template", mutates: true, send: (v) => api.post(`/api/conversations/${id}/templates`, { headers: { "content-type": "application/json" }, data: JSON.stringify(v) }) },
    { name: "PATCH me", mutates: false, send: (v) => api.patch("/api/me", { headers: { "content-type": "application/json" }, data: JSON.stringify(v) }) },
  ];
  const keys: Record<string, string[]> = {
    "PATCH conversation": ["status", "priority", "assigneeId", "teamId", "snoozedUntil"],
    "POST reply": ["text", "clientMessageId", "replyToMessageId"],
    "POST template": ["templateId", "values", "bookingId", "clientMessageId"],
    "PATCH me": ["locale"],
  };

  for (const t of targets) {
    await fc.assert(
      fc.asyncProperty(bodyFor(keys[t.name]!), async (body) => {
        const before = t.mutates ? await snapshot() : "";
        const res = await t.send(body);
        expect(res.status(), `${t.name} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
        if (t.mutates && res.status() >= 400) expect(await snapshot(), `${t.name} refused but changed something`).toBe(before);
      }),
      { numRuns: 30 },
    );
  }

  // Query strings and cursors of the list routes.
  await fc.assert(
    fc.asyncProperty(fc.record({ view: nasty, status: nasty, cursor: fc.oneof(fc.string(), fc.base64String()), limit: nasty, team: nasty }, { requiredKeys: [] }), async (q) => {
      const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
      for (const url of [`/api/conversations?${params}`, `/api/conversations/${id}/messages?${params}`]) {
        const res = await api.get(url);
        expect(res.status(), url.slice(0, 200)).toBeLessThan(500);
      }
    }),
    { numRuns: 60 },
  );
  await api.dispose();
});
