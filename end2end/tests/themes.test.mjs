// Themes on the facilitator page: cluster the notes, rename a theme and move notes to
// another theme with the keyboard and by dragging; a re-run keeps both, and undo goes back
// step by step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop, joinWithCode, addNote, themeWith, waitForThemeOf } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NOTES = [
  'Journaldata behöver delas mellan regioner',
  'Dela journaldata mellan region och kommun',
  'Journaldata ska kunna delas säkert mellan regioner',
  'Öppna geodata för kommunerna',
  'Gemensam e-legitimation för medarbetare',
  'E-legitimation för personal utan personnummer',
  'Enklare e-legitimation för alla medarbetare',
  'Geodata om fastigheter via öppna API:er',
  'Öppna geodata i ett gemensamt format',
  'Bygglov digitalt från ansökan till beslut',
];

test('cluster, rename a theme, move notes by keyboard and by dragging, undo', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Teman ${suffix}`, title: `Teman ${suffix}`, sector: 'Test' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna' });
  for (const note of NOTES) await addNote(participant, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(NOTES.length - 1).waitFor();

  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('[data-testid="themes"]').waitFor();
  const journal = themeWith(facilitator, NOTES[0]);
  await journal.waitFor();
  assert.equal(await journal.locator('.theme-note', { hasText: NOTES[1] }).count(), 1, 'similar notes share a theme');
  assert.equal(await journal.locator('.theme-note', { hasText: NOTES[4] }).count(), 0, 'different ones do not');

  // Rename from the keyboard: type the name and press Enter.
  const name = journal.getByLabel('Temats namn');
  await name.fill('Informationsdelning');
  await name.press('Enter');
  await facilitator.locator('.theme-name', { hasText: 'Informationsdelning' }).waitFor();

  // Move an e-legitimation note into the renamed theme: pick it in the menu, press Enter on "Flytta".
  const movedNote = facilitator.locator('.theme-note', { hasText: NOTES[4] });
  await movedNote.getByLabel('Flytta till').selectOption({ label: 'Informationsdelning' });
  await movedNote.getByRole('button', { name: 'Flytta' }).focus();
  await facilitator.keyboard.press('Enter');
  await waitForThemeOf(facilitator, NOTES[4], 'Informationsdelning');

  // Or drag a note onto another theme (pointer events: mouse, pen or finger).
  const dragged = facilitator.locator('.theme-note', { hasText: NOTES[5] });
  await dragged.locator('.note-text').dragTo(themeWith(facilitator, NOTES[0]).locator('h3'));
  await waitForThemeOf(facilitator, NOTES[5], 'Informationsdelning');

  // A re-run keeps the name and the placed note.
  const rerun = facilitator.waitForResponse((r) => r.url().endsWith('/api/run_clustering'));
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  assert.equal((await rerun).status(), 200);
  await waitForThemeOf(facilitator, NOTES[4], 'Informationsdelning');

  // Undo the re-run, the drag and the keyboard move: the note is back where clustering put it.
  for (let i = 0; i < 3; i += 1) {
    const undone = facilitator.waitForResponse((r) => r.url().endsWith('/api/undo_themes'));
    await facilitator.getByRole('button', { name: 'Ångra senaste ändringen' }).click();
    assert.equal((await undone).status(), 200);
  }
  await waitForThemeOf(facilitator, NOTES[4], 'Informationsdelning', { not: true });

  assert.deepEqual(facilitator.errors, []);
});
