import type { Browser, Page } from "@playwright/test";
import { test, expect, USERS, signIn, signedInApi } from "./fixtures";

// Issue 11 end to end, from both sides of the chat: customers write from the simulator's phone;
// an agent picks the customer's booking in the contact panel and sends, with two clicks each, a
// booking confirmation in Italian and a boarding pass in English; each phone shows what arrived,
// and the pass on the phone is a PDF that downloads.

async function openPhone(browser: Browser, name: string, phone: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/simulator");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Phone number", { exact: true }).fill(phone);
  await page.getByRole("button", { name: "Start chat" }).click();
  await expect(page.getByText(`Chatting as ${name}`, { exact: false }).first()).toBeVisible();
  return page;
}

async function write(phone: Page, text: string) {
  await phone.getByRole("textbox", { name: "Message" }).fill(text);
  await phone.getByRole("button", { name: "Send" }).click();
  await expect(phone.getByRole("log", { name: /^Chat with / }).getByText(text)).toBeVisible();
}

test("templates from a picked booking reach the customer's phone: an Italian confirmation and an English boarding pass that downloads", async ({ browser, page, baseURL }) => {
  test.setTimeout(120_000);
  const n = Math.floor(Math.random() * 1e7).toString().padStart(7, "0");
  const marta = { name: `Marta ${n.slice(0, 4)} Rossi`, phone: `39347${n}` };
  const jane = { name: `Jane ${n.slice(0, 4)} Smith`, phone: `44770${n}` };

  const martaPhone = await openPhone(browser, marta.name, marta.phone);
  await write(martaPhone, "Buongiorno, mi confermate la prenotazione?");
  const janePhone = await openPhone(browser, jane.name, jane.phone);
  await write(janePhone, "Hi, could you send me my boarding pass?");

  // The airline's systems file the bookings (a lead's API call stands in for them).
  const lead = await signedInApi(baseURL!, USERS.leads.marco);
  const conversationOf = async (name: string) => {
    await expect
      .poll(async () => ((await (await lead.get("/api/conversations?view=all&limit=40")).json()).items as { contact: { name: string } }[]).some((c) => c.contact.name === name), { timeout: 15_000 })
      .toBe(true);
    const list = (await (await lead.get("/api/conversations?view=all&limit=40")).json()).items as { id: string; contact: { id: string; name: string } }[];
    return list.find((c) => c.contact.name === name)!;
  };
  const martaConv = await conversationOf(marta.name);
  const janeConv = await conversationOf(jane.name);
  const pnrA = `S${n.slice(0, 5)}`;
  const pnrB = `B${n.slice(0, 5)}`;
  const departure = new Date(Date.now() + 6 * 3600_000);
  const hours = (h: number) => new Date(departure.getTime() + h * 3600_000).toISOString();
  expect(
    (
      await lead.post("/api/bookings", {
        data: {
          contactId: (await (await lead.get(`/api/conversations/${martaConv.id}`)).json()).contact.id,
          pnr: pnrA,
          status: "ticketed",
          passengers: [{ surname: "ROSSI", givenName: "MARTA", type: "ADT" }],
          legs: [{ operatingCarrier: "VZ", flightNumber: "1284", from: "FCO", to: "LIN", departureAt: hours(0), arrivalAt: hours(1.2) }],
        },
      })
    ).status(),
  ).toBe(201);
  expect(
    (
      await lead.post("/api/bookings", {
        data: {
          contactId: (await (await lead.get(`/api/conversations/${janeConv.id}`)).json()).contact.id,
          pnr: pnrB,
          status: "checked_in",
          passengers: [{ surname: "SMITH", givenName: "JANE", type: "ADT" }],
          legs: [
            {
              operatingCarrier: "VZ", flightNumber: "204", from: "LHR", to: "FCO", departureAt: hours(0), arrivalAt: hours(2.5), boardingAt: hours(-0.6),
              gate: "A12", checkins: [{ passenger: 0, seat: "14C", sequence: 42, boardingZone: "2" }],
            },
          ],
        },
      })
    ).status(),
  ).toBe(201);
  await lead.dispose();

  await signIn(page, USERS.agents.giulia);
  const panel = page.getByRole("complementary", { name: "Contact details" });
  const sendSuggested = async (conversationId: string, name: string, pnr: string, suggestion: string) => {
    await page.goto(`/inbox/${conversationId}`);
    // The agent picks the booking in the contact panel: it becomes the templates' context.
    const radio = panel.getByRole("radio", { name: new RegExp(pnr) });
    await radio.check();
    await expect(radio).toBeChecked();
    const thread = page.getByRole("region", { name: `Conversation with ${name}` });
    const button = thread.getByRole("button", { name: suggestion });
    await expect(button).toBeVisible({ timeout: 15_000 });
    await button.click(); // click 1: the filled-in form
    const form = thread.getByRole("form", { name: "Send a template" });
    await expect(form.getByRole("button", { name: "Send template" })).toBeEnabled();
    await form.getByRole("button", { name: "Send template" }).click(); // click 2
    await expect(form).toBeHidden();
    return thread.getByRole("log", { name: "Messages" });
  };

  const martaLog = await sendSuggested(martaConv.id, marta.name, pnrA, "Booking confirmation · IT");
  await expect(martaLog.getByRole("listitem").filter({ hasText: `La tua prenotazione ${pnrA} è confermata` })).toBeVisible();
  const janeLog = await sendSuggested(janeConv.id, jane.name, pnrB, "Boarding pass · EN");
  await expect(janeLog.getByRole("listitem").filter({ hasText: "your boarding pass for flight VZ 204" })).toBeVisible();

  // Marta's phone shows the Italian confirmation with her booking code.
  const martaChat = martaPhone.getByRole("log", { name: /^Chat with / });
  await expect(martaChat.getByText(new RegExp(`La tua prenotazione ${pnrA} è confermata`))).toBeVisible({ timeout: 20_000 });

  // Jane's phone shows the pass as a named PDF in the message's header; it downloads as a real PDF.
  const janeChat = janePhone.getByRole("log", { name: /^Chat with / });
  await expect(janeChat.getByText(/your boarding pass for flight VZ 204/)).toBeVisible({ timeout: 20_000 });
  const pdfLink = janeChat.getByRole("link", { name: new RegExp(`^boarding-pass-${pnrB}-VZ204-SMITH.*\\.pdf$`) });
  await expect(pdfLink).toBeVisible();
  const res = await janePhone.request.get((await pdfLink.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await janePhone.screenshot({ path: "test-results/simulator-boarding-pass.png" });

  await martaPhone.context().close();
  await janePhone.context().close();
});
