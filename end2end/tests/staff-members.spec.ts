import { test, expect } from '@playwright/test';
import { axeClean, signInStaff, STAFF_PASSWORD } from './helpers';

test('an administrator creates a staff account, promotes and disables it; an editor may not', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await signInStaff(page.request, 'e2e.admin');
  await page.goto('/staff/members');
  await expect(page.getByTestId('members')).toContainText('e2e.editor');
  // A refused account: the errors link to the fields, the username comes back, never the password.
  const username = `clerk.${Date.now() % 100000}`;
  await page.locator('#new-username').fill(username);
  await page.locator('#new-role').selectOption('editor');
  await page.locator('#new-password').fill('short');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByTestId('error-summary').locator('a[href="#new-password"]')).toBeVisible();
  await expect(page.locator('#new-username')).toHaveValue(username);
  await expect(page.locator('#new-password')).toHaveValue('');
  await axeClean(page);
  await page.locator('#new-password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Create the account' }).click();
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('Editor');
  await expect(row).toContainText('Active');
  // Promote, then disable, with the keyboard-reachable form in the row.
  await row.getByLabel('Role').selectOption('publisher');
  await row.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator(`tr[data-username="${username}"]`)).toContainText('Publisher');
  await page.locator(`tr[data-username="${username}"]`).getByLabel('Account active').uncheck();
  await page.locator(`tr[data-username="${username}"]`).getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator(`tr[data-username="${username}"]`)).toContainText('Disabled');
  // The admin's own row has no form.
  await expect(page.locator('tr[data-username="e2e.admin"] form')).toHaveCount(0);
  await axeClean(page);
  await page.screenshot({ path: 'test-results/screenshots/staff-members.png', fullPage: true });
  // The disabled account cannot sign in.
  const r = await page.request.post('/api/v1/staff/session', { data: { username, password: STAFF_PASSWORD } });
  expect(r.status()).toBe(401);
  await context.close();

  const editorContext = await browser.newContext({ locale: 'en' });
  const editor = await editorContext.newPage();
  await signInStaff(editor.request, 'e2e.editor');
  await editor.goto('/staff/members');
  await expect(editor.getByRole('heading', { level: 1 })).not.toHaveText('Staff accounts');
  await expect(editor.getByTestId('members')).toHaveCount(0);
  await editorContext.close();
});
