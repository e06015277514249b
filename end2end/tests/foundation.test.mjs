// A facilitator creates a workshop; a participant joins it with the code in a second
// browser context and adds a note; the facilitator sees it after reloading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop, joinWithCode, addNote, boardTexts, waitForHydration } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a note written by a participant reaches the facilitator', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, {
    round: `Omgång ${suffix}`, title: `Vård ${suffix}`, sector: 'Hälsa',
  });

  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code.replace('-', ' - '), { name: 'Anna', organisation: 'Region Uppsala' });

  const note = 'Vi behöver <script>alert("x")</script> gemensam e-legitimation';
  await participant.getByLabel(/Skriv en lapp/).fill(note);
  await assert.doesNotReject(participant.getByText(`${note.length} / 500`).waitFor(),
    'the live character counter proves the page hydrated');
  await participant.getByRole('button', { name: /Lägg till lapp/ }).click();
  await participant.locator('[data-testid="notes"] .note-text').first().waitFor();
  assert.deepEqual(await boardTexts(participant), [note], 'shown as text, not markup');
  assert.equal(await participant.getByLabel(/Skriv en lapp/).inputValue(), '', 'the composer is cleared');

  await facilitator.reload();
  await facilitator.locator('[data-testid="notes"] .note-text').first().waitFor();
  assert.deepEqual(await boardTexts(facilitator), [note]);
  assert.ok(await facilitator.getByText('Region Uppsala').isVisible());
  assert.deepEqual([...facilitator.errors, ...participant.errors], [], 'no errors in the pages');
});

test('bad input gets a clear message in the page and stores nothing', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Fel ${suffix}`, title: `Skola ${suffix}`, sector: 'Utbildning' });

  const participant = await openPage(browser, '/join?code=QQQ-QQQ');
  await participant.getByTestId('join-problem').waitFor();
  assert.match(await participant.getByTestId('join-problem').textContent(), /Ingen workshop har den koden/);

  await joinWithCode(participant, code);
  await addNote(participant, 'x'.repeat(501));
  await participant.getByRole('alert').filter({ hasText: 'högst 500 tecken' }).waitFor();
  assert.equal((await participant.getByLabel(/Skriv en lapp/).inputValue()).length, 501, 'the draft is kept');
  assert.deepEqual(await boardTexts(participant), []);

  await facilitator.getByRole('button', { name: 'Lås tavlan' }).click();
  await facilitator.getByRole('button', { name: 'Lås upp tavlan' }).waitFor();
  await participant.getByText(/Tavlan är låst/).waitFor();
  assert.equal(await participant.getByLabel(/Skriv en lapp/).count(), 0, 'no composer on a locked board');
});

test('the interface switches to English and back', async () => {
  const page = await openPage(browser, '/');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'In English' }).click();
  await page.getByRole('heading', { name: 'Join a workshop' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('link', { name: 'På svenska' }).click();
  await page.getByRole('heading', { name: 'Gå med i en workshop' }).waitFor();
});
