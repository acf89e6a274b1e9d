import { expect, test } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';

test('a wrong PIN is refused and five failures lock the staff member', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  // Keyboard only: arrows move between the staff tiles, Enter picks one.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByText('PIN for Ravi Kumar')).toBeVisible();
  await expect(page.getByTestId('login-pin')).toBeFocused();
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await login.enterPin('0000');
    await expect(login.error()).toContainText(`${5 - attempt} ${5 - attempt === 1 ? 'attempt' : 'attempts'} left`);
  }
  await expect(page.getByTestId('search')).toHaveCount(0);
  await login.enterPin('0000');
  await expect(login.error()).toContainText(/locked/i);
  // Even the right PIN is refused while locked.
  await login.enterPin('2222');
  await expect(login.error()).toContainText(/try again in \d+ s/i);
  await expect(page.getByTestId('search')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/08-login-locked.png' });
});
