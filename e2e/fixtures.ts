import { test as base, expect, type Page } from "@playwright/test";

/** Password of every seeded demo user (scripts/seed.ts). */
export const DEMO_PASSWORD = "sportello-demo";

const email = (name: string) => `${name}@voloazzurro.it`;

/** Seeded demo users by role. */
export const USERS = {
  agents: {
    giulia: email("giulia"),
    luca: email("luca"),
    sara: email("sara"),
    paolo: email("paolo"),
    chiara: email("chiara"),
  },
  leads: {
    marco: email("marco"),
    elena: email("elena"),
  },
  admin: email("admin"),
} as const;

export type SignIn = (page: Page, email: string, password?: string) => Promise<void>;

/** Signs in through the login form and waits for the inbox. */
export const signIn: SignIn = async (page, userEmail, password = DEMO_PASSWORD) => {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(userEmail);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
};

export const test = base.extend<{ signIn: SignIn }>({
  signIn: async ({}, use) => {
    await use(signIn);
  },
});

export { expect };
