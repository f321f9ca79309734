import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Role } from '@app/contracts';
import type { HttpClient } from '@test/support/http-client';

export interface StaffLogin {
  email: string;
  password: string;
}

/** A staff account made through the admin API, as an administrator would in the console. */
export async function createStaff(http: HttpClient, adminToken: string, roles: Role[]): Promise<StaffLogin> {
  const login = {
    email: `${roles.join('-')}-${randomBytes(4).toString('hex')}@newsroom.test`,
    password: `pw-${randomBytes(12).toString('hex')}`,
  };
  const answer = await http.post('/api/v1/admin/staff', { ...login, roles }, { token: adminToken });
  if (answer.status !== 201) throw new Error(`creating staff: ${answer.status} ${answer.text}`);
  return login;
}

/** Opens the console (Russian unless the browser already switched) and signs in through its form. */
export async function logInToConsole(page: Page, baseUrl: string, login: StaffLogin): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  const form = page.locator('form.login-form');
  await form.waitFor();
  await form.locator('input[name="email"]').fill(login.email);
  await form.locator('input[name="password"]').fill(login.password);
  await form.locator('button[type="submit"]').click();
  await page.locator('nav.sections').waitFor();
}

/** Goes to a page of the console by its fragment path (`/polls`), as a link would. */
export async function openConsolePage(page: Page, path: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = target;
  }, path);
}
