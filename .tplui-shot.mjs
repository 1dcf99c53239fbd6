import { chromium } from "@playwright/test";
const BASE = "http://localhost:3791";
const [, , who = "giulia", step = "composer", width = "1440", height = "900"] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, baseURL: BASE });
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
page.on("console", (m) => m.type() === "error" && console.log("CONSOLE", m.text()));
await page.goto("/login");
await page.getByLabel("Email", { exact: true }).fill(`${who}@voloazzurro.it`);
await page.getByLabel("Password", { exact: true }).fill("sportello-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/inbox/);
const out = process.env.OUT ?? `/tmp/tplui/${who}-${step}-${width}.png`;
if (step === "composer") {
  await page.goto(process.env.CONV ? `/inbox/${process.env.CONV}` : "/inbox?view=all");
  if (!process.env.CONV) {
    await page.locator('a[href*="/inbox/"]').first().click();
  }
  await page.waitForTimeout(1500);
  const btn = page.getByRole("button", { name: /^(Templates|Modelli)$/ });
  if (await btn.count()) await btn.first().click();
  await page.waitForTimeout(800);
  if (process.env.PICK) {
    await page.getByRole("option", { name: new RegExp(process.env.PICK) }).first().click();
    await page.waitForTimeout(800);
  }
  if (process.env.SEND) {
    await page.getByRole("button", { name: /Send template|Invia modello/ }).click();
    await page.waitForTimeout(2500);
  }
} else if (step === "manager") {
  await page.goto("/templates");
  await page.waitForTimeout(1500);
  if (process.env.EDIT) {
    await page.getByRole("button", { name: new RegExp(process.env.EDIT) }).first().click();
    await page.waitForTimeout(800);
  }
  if (process.env.NEW) {
    await page.getByRole("button", { name: /New template|Nuovo modello/ }).click();
    await page.waitForTimeout(500);
  }
}
await page.screenshot({ path: out, fullPage: false });
console.log("saved", out, page.url());
await browser.close();
