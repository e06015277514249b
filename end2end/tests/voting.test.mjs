// +1 and dot voting: a participant sees a similar note while typing and +1s it; the
// facilitator opens a vote with two dots, the participant places both (one from the
// keyboard), a third is refused with a message, and the facilitator sees the tally live.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop, joinWithCode } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const EXISTING = 'Gemensam e-legitimation för medarbetare';

/** The accessible label of the element that has the keyboard focus. */
function focusedLabel(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
}

test('similar notes, +1 and dot voting, live on the facilitator page', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Röstning ${suffix}`, title: `Prioritera ${suffix}`, sector: 'Test' });
  await facilitator.locator('[data-testid="connection"][data-state="online"]').first().waitFor();

  // A note from paper, so it is not the participant's own.
  await facilitator.getByLabel('Grupp').fill('Grupp 1');
  await facilitator.locator('#paper-text').fill(EXISTING);
  await facilitator.getByRole('button', { name: 'Lägg till för gruppen' }).click();
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: EXISTING }).waitFor();

  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna' });
  await participant.locator('[data-testid="connection"][data-state="online"]').waitFor();
  await participant.locator('[data-testid="notes"] .note-text', { hasText: EXISTING }).waitFor();

  // Typing an inflected variant suggests the existing note, announced politely.
  await participant.getByLabel('Skriv en lapp').pressSequentially('E-legitimationer för personal', { delay: 10 });
  const count = participant.getByTestId('similar-count');
  await count.filter({ hasText: '1 liknande lapp finns' }).waitFor();
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  const suggestion = participant.getByTestId('similar-notes').locator('li', { hasText: EXISTING });
  const plusOne = suggestion.getByRole('button', { name: /^\+1: Ge \+1 till lappen/ });
  await plusOne.focus();
  await participant.keyboard.press('Enter');
  await participant.waitForFunction(() =>
    document.querySelector('[data-testid="similar-notes"] button.support')?.getAttribute('aria-pressed') === 'true');
  assert.equal(await focusedLabel(participant), await plusOne.getAttribute('aria-label'), 'the +1 button keeps the focus');
  const onFacilitatorBoard = facilitator.locator('[data-testid="notes"] li', { hasText: EXISTING });
  await onFacilitatorBoard.getByTestId('supporters').filter({ hasText: '+1' }).waitFor();

  // The participant still adds their own note; the suggestion goes once the draft is empty.
  await participant.getByRole('button', { name: 'Lägg till lapp' }).click();
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: 'E-legitimationer för personal' }).waitFor();
  await participant.getByTestId('similar-notes').locator('li').first().waitFor({ state: 'detached' });

  // The facilitator opens a vote on notes with two dots each.
  await facilitator.getByLabel('Prickar per deltagare').fill('2');
  await facilitator.getByLabel('Rösta på').selectOption('notes');
  await facilitator.getByRole('button', { name: 'Starta röstning' }).click();
  const dotsLeft = participant.getByTestId('dots-left');
  await dotsLeft.filter({ hasText: 'Du har 2 av 2 prickar kvar' }).waitFor();

  const row = participant.locator('.ballot-row', { hasText: EXISTING });
  const giveDot = row.getByRole('button', { name: /^\+ prick: Ge en prick till/ });
  await giveDot.click();
  await dotsLeft.filter({ hasText: 'Du har 1 av 2 prickar kvar' }).waitFor();
  // The second dot from the keyboard, on the same note.
  await giveDot.focus();
  await participant.keyboard.press('Enter');
  await dotsLeft.filter({ hasText: 'Du har 0 av 2 prickar kvar' }).waitFor();
  assert.equal(await row.getByTestId('total-dots').count(), 0, 'no running totals on a ballot while the vote is open');
  assert.equal(await focusedLabel(participant), await giveDot.getAttribute('aria-label'), 'the dot button keeps the focus');
  assert.equal(await row.getByTestId('my-dots').textContent(), 'Dina prickar: 2');

  // A third dot is refused, visibly, and changes nothing.
  const own = participant.locator('.ballot-row', { hasText: 'E-legitimationer för personal' });
  await own.getByRole('button', { name: /^\+ prick/ }).click();
  await participant.getByRole('alert').filter({ hasText: 'Du har redan satt alla dina 2 prickar' }).waitFor();
  assert.equal(await own.getByTestId('my-dots').textContent(), 'Dina prickar: 0');

  // The facilitator's results show the tally live, without reload.
  const results = facilitator.getByTestId('vote-results');
  await results.locator('li', { hasText: EXISTING }).getByTestId('tally').filter({ hasText: '2 prickar' }).waitFor();
  assert.equal(await results.locator('li').count(), 1, 'only notes with dots are listed');

  // Taking a dot back frees it; closing keeps the results visible for the participant.
  await row.getByRole('button', { name: /^− prick/ }).click();
  await dotsLeft.filter({ hasText: 'Du har 1 av 2 prickar kvar' }).waitFor();
  await results.locator('li', { hasText: EXISTING }).getByTestId('tally').filter({ hasText: '1 prick' }).waitFor();
  await facilitator.getByRole('button', { name: 'Avsluta röstningen' }).click();
  await participant.getByText('Röstningen är avslutad.').first().waitFor();
  await participant.getByTestId('vote-results').locator('li', { hasText: EXISTING }).waitFor();

  assert.deepEqual([...facilitator.errors, ...participant.errors], []);
});
