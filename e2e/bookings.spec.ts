import { test, expect, USERS, signIn } from "./fixtures";

// The contact panel lists the customer's bookings, one is picked for templates, and a booking the
// airline's systems create or change shows up without a reload (the live stream invalidates it).
test.use({ viewport: { width: 1440, height: 900 } });

test("a lead sees the customer's bookings, picks one with the keyboard, and sees API changes live", async ({ page }) => {
  await signIn(page, USERS.leads.marco);
  const convs = await (await page.request.get("/api/conversations?view=all&status=open&limit=20")).json();
  const conversationId = (convs.items as { id: string }[])[0]!.id;
  const detail = await (await page.request.get(`/api/conversations/${conversationId}`)).json();
  const before = (await (await page.request.get(`/api/bookings?conversationId=${conversationId}`)).json()).items as { pnr: string }[];
  expect(before.length, "demo customers with a live conversation hold a booking").toBeGreaterThan(0);

  await page.goto(`/inbox/${conversationId}`);
  const panel = page.getByRole("complementary", { name: "Contact details" });
  const group = panel.getByRole("group", { name: "Booking for templates" });
  await expect(group.getByRole("radio")).toHaveCount(before.length);
  for (const b of before) await expect(group.getByText(b.pnr, { exact: true })).toBeVisible();

  // Created by the airline's system: appears without a reload.
  const pnr = `E2E${Math.floor(Math.random() * 1e4).toString().padStart(4, "0")}`;
  const departure = new Date(Date.now() + 3 * 3600_000);
  const created = await page.request.post("/api/bookings", {
    data: {
      contactId: detail.contact.id,
      pnr,
      passengers: [{ surname: "Rossi", givenName: "Mario" }],
      legs: [{ operatingCarrier: "VZ", flightNumber: "611", from: "FCO", to: "LHR", departureAt: departure.toISOString(), arrivalAt: new Date(departure.getTime() + 2.5 * 3600_000).toISOString(), checkins: [{ passenger: 0, seat: "12A" }] }],
      totalAmount: 19_900,
      currency: "EUR",
    },
  });
  expect(created.status()).toBe(201);
  const booking = await created.json();
  expect(booking.legs[0]).toMatchObject({ fromTimeZone: "Europe/Rome", toTimeZone: "Europe/London" });
  const card = group.locator("li", { hasText: pnr });
  await expect(card).toBeVisible();
  await expect(card.getByText("FCO → LHR")).toBeVisible();

  // Its flights open on demand: the seat the airline gave.
  await card.getByRole("button", { name: new RegExp(`1 flight.*${pnr}`) }).click();
  await expect(card.getByText("Seat 12A")).toBeVisible();

  // Keyboard: arrows move the pick like any radio group.
  const radios = group.getByRole("radio");
  await radios.first().focus();
  await page.keyboard.press("Space");
  await expect(radios.first()).toBeChecked();
  await page.keyboard.press("ArrowDown");
  await expect(radios.nth(1)).toBeChecked();
  await expect(radios.first()).not.toBeChecked();

  // Changed by the airline: the status follows live.
  const patched = await page.request.patch(`/api/bookings/${booking.id}`, { data: { status: "cancelled" } });
  expect(patched.status()).toBe(200);
  await expect(card.getByText("Cancelled")).toBeVisible();

  // A duplicate code is refused with the reason.
  const dup = await page.request.post("/api/bookings", { data: { ...booking, id: undefined, createdAt: undefined, updatedAt: undefined, contactId: detail.contact.id } });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).error).toMatchObject({ code: "conflict", reason: "booking.pnr_taken" });
});

test("an agent reads bookings but cannot write them", async ({ page }) => {
  await signIn(page, USERS.agents.giulia);
  const convs = await (await page.request.get("/api/conversations?view=all&limit=5")).json();
  const id = (convs.items as { id: string }[])[0]!.id;
  expect((await page.request.get(`/api/bookings?conversationId=${id}`)).status()).toBe(200);
  const res = await page.request.post("/api/bookings", { data: { contactId: "00000000-0000-4000-8000-000000000000", pnr: "AGENT1", passengers: [], legs: [] } });
  expect(res.status()).toBe(403);
});
