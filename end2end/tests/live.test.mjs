// The live board: notes appear without reload, survive a network cut, and the
// facilitator's controls reach every participant at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop, joinWithCode, addNote, boardTexts, waitForHydration } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A facilitator with a fresh workshop and a participant who joined it, both live. */
async function workshopWithParticipant(name) {
  const suffix = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Live ${suffix}`, title: `Tavla ${suffix}`, sector: 'Test' });
  await facilitator.getByTestId('connection').and(facilitator.locator('[data-state="online"]')).first().waitFor();
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name });
  await participant.locator('[data-testid="connection"][data-state="online"]').waitFor();
  return { facilitator, participant, code };
}

test('a note appears on the facilitator page without reload', async () => {
  const { facilitator, participant } = await workshopWithParticipant('Anna');
  await addNote(participant, 'Gemensam e-legitimation för alla myndigheter');
  await facilitator.getByText('Gemensam e-legitimation för alla myndigheter').waitFor();
  assert.deepEqual(await boardTexts(facilitator), ['Gemensam e-legitimation för alla myndigheter']);
  assert.deepEqual([...facilitator.errors, ...participant.errors], []);
});

test('a note written offline is sent when the network returns, exactly once', async () => {
  const { facilitator, participant } = await workshopWithParticipant('Bo');
  await participant.context().setOffline(true);
  await participant.locator('[data-testid="connection"][data-state="offline"]').waitFor();
  await addNote(participant, 'Skriven utan nät');
  await participant.getByTestId('waiting').filter({ hasText: '1 väntar på att skickas' }).waitFor();
  await facilitator.waitForTimeout(500);
  assert.deepEqual(await boardTexts(facilitator), [], 'nothing arrived while offline');

  await participant.context().setOffline(false);
  await facilitator.getByText('Skriven utan nät').waitFor();
  await participant.getByTestId('waiting').waitFor({ state: 'detached' });
  await participant.waitForTimeout(500);
  assert.deepEqual(await boardTexts(facilitator), ['Skriven utan nät']);
  assert.deepEqual(await boardTexts(participant), ['Skriven utan nät']);
  await facilitator.reload();
  await facilitator.getByText('Skriven utan nät').waitFor();
  assert.deepEqual(await boardTexts(facilitator), ['Skriven utan nät'], 'stored once');
});

test('locking, private writing and hiding reach participants live', async () => {
  const { facilitator, participant, code } = await workshopWithParticipant('Cecilia');
  const other = await openPage(browser, '/');
  await joinWithCode(other, code, { name: 'David' });
  await other.locator('[data-testid="connection"][data-state="online"]').waitFor();

  await facilitator.getByRole('button', { name: 'Starta privat skrivning' }).click();
  await participant.getByText(/Privat skrivning: du ser bara dina egna lappar/).waitFor();
  await addNote(other, 'Davids hemliga lapp');
  await facilitator.getByText('Davids hemliga lapp').waitFor();
  await participant.waitForTimeout(500);
  assert.deepEqual(await boardTexts(participant), [], 'others’ notes are not sent while private');

  await facilitator.getByRole('button', { name: 'Visa alla lappar' }).click();
  await participant.getByText('Davids hemliga lapp').waitFor();

  const secret = facilitator.locator('[data-testid="notes"] li', { hasText: 'Davids hemliga lapp' });
  await secret.getByRole('button', { name: /^Åtgärder/ }).click();
  await secret.getByRole('button', { name: 'Dölj' }).click();
  await participant.getByText('Davids hemliga lapp').waitFor({ state: 'detached' });
  assert.deepEqual(await boardTexts(other), ['Davids hemliga lapp'], 'the author still sees it');

  await facilitator.getByRole('button', { name: 'Lås tavlan' }).click();
  await participant.getByText(/Tavlan är låst/).waitFor();
  assert.equal(await participant.getByLabel('Skriv en lapp').count(), 0);
});

test('private writing holds on the projector and on a page already open, until the reveal', async () => {
  const { facilitator, participant, code } = await workshopWithParticipant('Greta');
  const other = await openPage(browser, '/');
  await joinWithCode(other, code, { name: 'Hugo' });
  await other.locator('[data-testid="connection"][data-state="online"]').waitFor();
  const projector = await facilitator.context().newPage();
  await projector.goto(`${facilitator.url()}/present`);
  await projector.locator('.presenter').waitFor();
  await addNote(participant, 'Molntjänster och CLOUD Act');
  await other.getByText('Molntjänster och CLOUD Act').waitFor();
  await projector.locator('.presenter-notes').getByText('Molntjänster och CLOUD Act').waitFor();

  await facilitator.getByRole('button', { name: 'Starta privat skrivning' }).click();
  await other.getByText(/Privat skrivning: du ser bara dina egna lappar/).waitFor();
  // Earlier notes of others leave the open page and the projector too, as the banner says.
  await other.getByText('Molntjänster och CLOUD Act').waitFor({ state: 'detached' });
  await projector.getByText('Molntjänster och CLOUD Act').waitFor({ state: 'detached' });
  await addNote(participant, 'E-legitimation för medarbetare');
  await facilitator.locator('.note-text', { hasText: 'E-legitimation för medarbetare' }).waitFor();
  await other.waitForTimeout(500);
  assert.deepEqual(await boardTexts(other), [], 'nothing of others while private');
  assert.equal(await projector.getByText('E-legitimation för medarbetare').count(), 0, 'not on the projector');
  assert.deepEqual(await boardTexts(participant), ['E-legitimation för medarbetare', 'Molntjänster och CLOUD Act'],
    'the writer keeps her own notes, newest first');

  await facilitator.getByRole('button', { name: 'Visa alla lappar' }).click();
  await other.getByText('E-legitimation för medarbetare').waitFor();
  await projector.locator('.presenter-notes').getByText('E-legitimation för medarbetare').waitFor();
  await projector.locator('.presenter-notes').getByText('Molntjänster och CLOUD Act').waitFor();
  assert.deepEqual(await boardTexts(other), ['E-legitimation för medarbetare', 'Molntjänster och CLOUD Act']);
  await projector.close();
});

test('the presenter view shows notes live and large', async () => {
  const { facilitator, participant } = await workshopWithParticipant('Eva');
  await facilitator.getByRole('link', { name: 'Visa på projektor' }).click();
  await facilitator.locator('.presenter').waitFor();
  await addNote(participant, 'Syns på projektorn');
  await facilitator.locator('.presenter-notes').getByText('Syns på projektorn').waitFor();
  assert.deepEqual(await facilitator.getByRole('button').allTextContents(), ['Visa teman'],
    'no controls on the projector, only its own view switch');
});

test('the projector shows the themes with counts and, opened, their notes; never a private note', async () => {
  const { facilitator, participant } = await workshopWithParticipant('Vera');
  const notes = [
    'E-legitimation för medarbetare utan personnummer',
    'Gemensam e-legitimation för all personal',
    'En API-katalog för alla myndigheter',
    'Katalog över myndigheternas API:er',
  ];
  for (const note of notes) await addNote(participant, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(notes.length - 1).waitFor();
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('.theme').first().waitFor();

  const projector = await facilitator.context().newPage();
  await projector.goto(`${facilitator.url()}/present`);
  await waitForHydration(projector);
  await projector.getByRole('button', { name: 'Visa teman' }).click();
  const themes = projector.getByTestId('presenter-themes');
  await themes.waitFor();
  assert.ok(await projector.getByTestId('notes').isHidden(), 'the themes replace the notes');
  const counts = await themes.locator('summary .count').allTextContents();
  assert.equal(counts.map((c) => Number.parseInt(c, 10)).reduce((a, b) => a + b, 0), notes.length,
    `every shown note counted once: ${counts}`);
  const first = themes.locator('.presenter-theme').first();
  await first.locator('summary').click();
  await first.locator('.presenter-theme-notes li').first().waitFor();

  // Written during private writing and clustered: not on the wall, not in any count.
  await facilitator.getByRole('button', { name: 'Starta privat skrivning' }).click();
  await addNote(participant, 'Hemlig lapp om e-legitimation');
  await facilitator.locator('.note-text', { hasText: 'Hemlig lapp om e-legitimation' }).first().waitFor();
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('.theme-note', { hasText: 'Hemlig lapp om e-legitimation' }).waitFor();
  // While private, the wall shows no one's notes, in either mode.
  await themes.waitFor({ state: 'detached' });
  assert.equal(await projector.getByText('Hemlig lapp om e-legitimation').count(), 0, 'not on the projector');
  assert.equal(await projector.getByText('inte klustrade').count(), 0, 'the private banner says why, not "not clustered"');

  await facilitator.getByRole('button', { name: 'Visa alla lappar' }).click();
  await themes.waitFor();
  await projector.waitForFunction((total) => [...document.querySelectorAll('.presenter-theme summary .count')]
    .reduce((sum, c) => sum + Number.parseInt(c.textContent, 10), 0) === total, notes.length + 1);
  await projector.getByRole('button', { name: 'Visa lappar' }).click();
  await projector.getByTestId('notes').waitFor();
  assert.deepEqual(projector.errors ?? [], []);
  await projector.close();
});

test('notes waiting in the outbox survive closing the page and are sent once', async () => {
  const { facilitator, participant } = await workshopWithParticipant('Fia');
  // A stand-in between this page and the server takes notes but never answers.
  await participant.routeWebSocket(/\/ws\/workshops\//, () => {});
  await participant.reload();
  await waitForHydration(participant);
  await addNote(participant, 'Sparad i webbläsaren');
  await participant.getByTestId('waiting').filter({ hasText: '1 väntar på att skickas' }).waitFor();
  const url = participant.url();
  await participant.close();

  // The same browser opens the board again, this time reaching the server.
  const again = await participant.context().newPage();
  const errors = [];
  again.on('pageerror', (err) => errors.push(err.message));
  await again.goto(url);
  await facilitator.getByText('Sparad i webbläsaren').waitFor();
  await again.getByTestId('waiting').waitFor({ state: 'detached' });
  await again.reload();
  await again.getByText('Sparad i webbläsaren').waitFor();
  assert.deepEqual(await boardTexts(again), ['Sparad i webbläsaren'], 'stored once');
  assert.deepEqual(errors, [], 'the restored outbox hydrates without errors');
});

test('a facilitator merges a duplicate found by search, and its author is told where it went', async () => {
  const { facilitator, participant } = await workshopWithParticipant('Ida');
  await addNote(participant, 'E-legitimation för medarbetare');
  await addNote(participant, 'Tjänste-ID för personal');
  const duplicate = facilitator.locator('[data-testid="notes"] li', { hasText: 'Tjänste-ID för personal' });
  await duplicate.waitFor();
  await facilitator.locator('[data-testid="notes"] li', { hasText: 'E-legitimation för medarbetare' }).waitFor();

  // One menu on the card; the merge target is found by typing a word of it.
  await duplicate.getByRole('button', { name: /^Åtgärder/ }).click();
  await duplicate.getByLabel('Slå ihop med lappen').fill('legitimation');
  await duplicate.getByRole('button', { name: 'E-legitimation för medarbetare' }).click();

  await participant.getByTestId('merged-notice')
    .getByText('Din lapp ”Tjänste-ID för personal” slogs ihop med ”E-legitimation för medarbetare”: den räknas där.')
    .waitFor();
  assert.deepEqual(await boardTexts(participant), ['E-legitimation för medarbetare']);
  await facilitator.locator('[data-testid="notes"] li', { hasText: 'E-legitimation för medarbetare' })
    .getByText('+1 sammanslagna').waitFor();
  assert.deepEqual(await boardTexts(facilitator), ['E-legitimation för medarbetare']);
  assert.deepEqual([...facilitator.errors, ...participant.errors], []);
});
