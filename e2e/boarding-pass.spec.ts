import { test, expect, USERS, customerWrites, newCustomer, signIn, signedInApi } from "./fixtures";

// A checked-in passenger's boarding pass, from the booking in the contact panel: the agent
// downloads the PDF and sends it into the chat; the customer's phone gets a document they can open.
test.use({ viewport: { width: 1440, height: 900 } });

test("an agent downloads a boarding pass and sends it into the chat; the customer receives the PDF", async ({ page, request, baseURL }) => {
  test.slow();
  const customer = newCustomer("Pass");
  await customerWrites(request, customer, "Mi manda la carta d'imbarco per favore?");

  // The airline's system (a lead's API call) files the booking, checked in, for this customer.
  const lead = await signedInApi(baseURL!, USERS.leads.marco);
  const list = await (await lead.get("/api/conversations?view=all&limit=40")).json();
  const conv = (list.items as { id: string; contact: { name: string } }[]).find((c) => c.contact.name === customer.name)!;
  expect(conv, "the customer's conversation").toBeDefined();
  const detail = await (await lead.get(`/api/conversations/${conv.id}`)).json();
  const pnr = `BP${Math.floor(Math.random() * 1e4).toString().padStart(4, "0")}`;
  const departure = new Date(Date.now() + 5 * 3600_000);
  const created = await lead.post("/api/bookings", {
    data: {
      contactId: detail.contact.id,
      pnr,
      passengers: [{ surname: customer.name.split(" ").at(-1), givenName: "Pass" }],
      legs: [{ operatingCarrier: "VZ", flightNumber: "212", from: "FCO", to: "CDG", departureAt: departure.toISOString(), arrivalAt: new Date(departure.getTime() + 2 * 3600_000).toISOString(), gate: "B12", boardingAt: new Date(departure.getTime() - 40 * 60_000).toISOString(), checkins: [{ passenger: 0, seat: "14C", sequence: 33, boardingZone: "2" }] }],
    },
  });
  expect(created.status()).toBe(201);

  await signIn(page, USERS.agents.giulia);
  await page.goto(`/inbox/${conv.id}`);
  const panel = page.getByRole("complementary", { name: "Contact details" });
  const card = panel.locator("li", { hasText: pnr });
  await card.getByRole("button", { name: new RegExp(`1 flight.*${pnr}`) }).click();

  // Download: a PDF named for the booking, flight and passenger.
  const download = card.getByRole("link", { name: /Download Pass .* boarding pass/ });
  const res = await page.request.get((await download.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toContain(`boarding-pass-${pnr}-VZ212-`);
  expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Send: the thread shows the document; the customer's phone receives it with its file name.
  await card.getByRole("button", { name: /Send Pass .* boarding pass in the chat/ }).click();
  await expect(card.getByRole("button", { name: /boarding pass in the chat/ })).toContainText("Sent");
  const log = page.getByRole("region", { name: /^Conversation with / }).getByRole("log", { name: "Messages" });
  await expect(log.getByText(new RegExp(`boarding-pass-${pnr}-VZ212-.*\\.pdf`)).first()).toBeVisible({ timeout: 15_000 });
  await expect
    .poll(async () => {
      const inbox = await (await request.get(`/api/fake-graph/_fake/customers/${customer.waId}/inbox`)).json();
      return (inbox.data as { type: string; content: { filename?: string } }[]).filter((r) => r.type === "document").map((r) => r.content.filename);
    }, { timeout: 15_000 })
    .toEqual([expect.stringMatching(new RegExp(`^boarding-pass-${pnr}-VZ212-.*\\.pdf$`))]);

  // The link WhatsApp fetches works without a session (it is signed and expires).
  const inbox = await (await request.get(`/api/fake-graph/_fake/customers/${customer.waId}/inbox`)).json();
  const link = (inbox.data as { type: string; content: { link?: string } }[]).find((r) => r.type === "document")!.content.link!;
  const anonymous = await (await import("@playwright/test")).request.newContext();
  const fetched = await anonymous.get(link);
  expect(fetched.status()).toBe(200);
  expect(fetched.headers()["content-type"]).toBe("application/pdf");
  await anonymous.dispose();
  await lead.dispose();
});
