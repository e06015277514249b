// Themes on the facilitator page: cluster the notes, rename a theme and move notes to
// another theme with the keyboard and by dragging; a re-run keeps both, and undo goes back
// step by step. Needs nested in themes: each with its name and notes, renamed and filled
// from the keyboard, kept by a re-run; screenshots of the nested view go to docs/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, createWorkshop, joinWithCode, addNote, themeWith, needWith, waitForThemeOf, waitForNeedOf,
  workshopWithNotes,
} from './helpers.mjs';

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
  const workshop = { round: `Teman ${suffix}`, title: `Teman ${suffix}`, sector: 'Test' };
  const { facilitator } = await workshopWithNotes(browser, workshop, NOTES, { name: 'Anna' });

  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('[data-testid="themes"]').waitFor();
  const journal = themeWith(facilitator, NOTES[0]);
  await journal.waitFor();
  assert.equal(await journal.locator('.theme-note', { hasText: NOTES[1] }).count(), 1, 'similar notes share a theme');
  assert.equal(await journal.locator('.theme-note', { hasText: NOTES[4] }).count(), 0, 'different ones do not');

  // Rename from the keyboard: type the name and press Enter.
  await journal.getByRole('button', { name: /^Temats åtgärder/ }).click();
  const name = journal.getByLabel('Temats namn');
  await name.fill('Informationsdelning');
  await name.press('Enter');
  await facilitator.locator('.theme-name', { hasText: 'Informationsdelning' }).waitFor();

  // Move an e-legitimation note into the renamed theme: open its menu, pick the theme,
  // press Enter on "Flytta".
  const movedNote = facilitator.locator('.theme-note', { hasText: NOTES[4] });
  await movedNote.getByRole('button', { name: /^Åtgärder/ }).click();
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

// A needs inventory: five needs, several notes each, said in different words.
const NEEDS = {
  eleg: [
    'E-legitimation för medarbetare som saknar svenskt personnummer',
    'Medarbetare behöver en gemensam e-legitimation i tjänsten',
    'E-legitimation för medarbetare i kommuner och regioner',
    'Tjänstelegitimation och e-legitimation för alla medarbetare',
  ],
  cloud: [
    'Vägledning om molntjänster och CLOUD Act',
    'Kan vi använda amerikanska molntjänster trots CLOUD Act?',
    'Juridiskt stöd kring CLOUD Act vid upphandling av molntjänster',
    'Riskbedömning av molntjänster med hänsyn till CLOUD Act',
  ],
  api: [
    'En nationell API-katalog över myndigheternas API:er',
    'API-katalog där man hittar öppna API:er från offentlig sektor',
    'Gemensam API-katalog med dokumentation och villkor',
  ],
  basedata: [
    'Tillgång till grunddata om personer, företag och fastigheter',
    'Grunddata av hög kvalitet som delas mellan myndigheter',
    'Gemensam förvaltning av grunddata om fastigheter',
  ],
  mailbox: [
    'Digital brevlåda för alla medborgare och företag',
    'Myndighetspost till digital brevlåda i stället för papper',
    'Fler ska ansluta sig till en digital brevlåda',
  ],
};

test('needs nested in themes: named, renamed and filled from the keyboard, kept by a re-run', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  await facilitator.setViewportSize({ width: 1280, height: 900 });
  const code = await createWorkshop(facilitator, { round: `Behov ${suffix}`, title: `Behov ${suffix}`, sector: 'Offentlig förvaltning' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna' });
  const all = Object.values(NEEDS).flat();
  for (const note of all) await addNote(participant, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(all.length - 1).waitFor();

  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('[data-testid="needs"]').first().waitFor();
  // Every note sits in a named need, and every need in a named theme.
  for (const note of all) {
    const need = needWith(facilitator, note);
    assert.equal(await need.count(), 1, `${note} is in one need`);
    assert.notEqual((await need.locator('.need-name').textContent()).trim(), '', 'the need has a name');
    assert.notEqual((await themeWith(facilitator, note).locator('.theme-name').textContent()).trim(), '');
  }
  // Notes that state the same need share it.
  const eleg = needWith(facilitator, NEEDS.eleg[0]);
  const together = await Promise.all(NEEDS.eleg.map((n) => eleg.locator('.theme-note', { hasText: n }).count()));
  assert.ok(together.filter((n) => n === 1).length >= 2, `e-legitimation notes share a need: ${together}`);

  // Rename the need from the keyboard: open its form, type, press Enter.
  await eleg.getByRole('button', { name: /^Byt namn/ }).click();
  const name = eleg.getByLabel('Behovets namn');
  await name.fill('E-legitimation i tjänsten');
  await name.press('Enter');
  await facilitator.locator('.need-name', { hasText: 'E-legitimation i tjänsten' }).waitFor();

  // Move a note into that need with its menu: the menu lists the needs under their themes.
  const note = facilitator.locator('.theme-note', { hasText: NEEDS.mailbox[2] });
  await note.getByRole('button', { name: /^Åtgärder/ }).click();
  const menu = note.getByLabel('Flytta till');
  await menu.selectOption({ label: 'E-legitimation i tjänsten' });
  await note.getByRole('button', { name: 'Flytta', exact: true }).focus();
  await facilitator.keyboard.press('Enter');
  await waitForNeedOf(facilitator, NEEDS.mailbox[2], 'E-legitimation i tjänsten');

  // A re-run keeps the named need whole, the moved note in it.
  const rerun = facilitator.waitForResponse((r) => r.url().endsWith('/api/run_clustering'));
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  assert.equal((await rerun).status(), 200);
  await waitForNeedOf(facilitator, NEEDS.mailbox[2], 'E-legitimation i tjänsten');
  await waitForNeedOf(facilitator, NEEDS.eleg[0], 'E-legitimation i tjänsten');

  const themes = facilitator.locator('section.themes');
  await themes.screenshot({ path: '../docs/themes-needs.png' });
  await facilitator.setViewportSize({ width: 390, height: 844 });
  await themes.locator('li.theme h3').first().evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await facilitator.screenshot({ path: '../docs/themes-needs-phone.png' });
  const overflow = await facilitator.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing wider than a phone: ${overflow}px too wide`);

  assert.deepEqual(facilitator.errors, []);
});

test('a theme split by content: merged journal and e-legitimation notes part along their topics', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Dela ${suffix}`, title: `Dela ${suffix}`, sector: 'Test' });
  await facilitator.getByTestId('participant-count').filter({ hasText: '0 deltagare' }).waitFor();
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna' });
  const phone = await openPage(browser, '/');
  await phone.setViewportSize({ width: 390, height: 844 });
  await joinWithCode(phone, code, { name: 'Bo' });
  // Live counts: both joins reach the facilitator's bar without a reload.
  await facilitator.getByTestId('participant-count').filter({ hasText: '2 deltagare' }).waitFor();
  const eleg = NOTES.filter((n) => n.includes('legitimation'));
  const journal = NOTES.filter((n) => n.includes('ournaldata'));
  for (const note of NOTES.slice(0, 5)) await addNote(participant, note);
  for (const note of NOTES.slice(5)) await addNote(phone, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(NOTES.length - 1).waitFor();

  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  const elegTheme = themeWith(facilitator, eleg[0]);
  await elegTheme.waitFor();
  const journalName = (await themeWith(facilitator, journal[0]).locator('.theme-name').textContent()).trim();
  await elegTheme.getByRole('button', { name: /^Temats åtgärder/ }).click();
  await elegTheme.getByLabel('Slå ihop med').selectOption({ label: journalName });
  await elegTheme.getByRole('button', { name: 'Slå ihop', exact: true }).click();
  await themeWith(facilitator, journal[0]).locator('.theme-note', { hasText: eleg[0] }).waitFor();

  const mixed = themeWith(facilitator, journal[0]);
  // The merge kept the e-legitimation theme, whose menu is still open.
  const menu = mixed.getByRole('button', { name: /^Temats åtgärder/ });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await mixed.getByRole('button', { name: 'Dela temat' }).click();
  await facilitator.waitForFunction(([a, b]) => {
    const themeOf = (text) => [...document.querySelectorAll('[data-testid="themes"] > li.theme')]
      .find((t) => [...t.querySelectorAll('.theme-note')].some((n) => n.textContent.includes(text)));
    return themeOf(a) && themeOf(b) && themeOf(a) !== themeOf(b);
  }, [eleg[0], journal[0]]);
  for (const note of eleg) assert.equal(await themeWith(facilitator, eleg[0]).locator('.theme-note', { hasText: note }).count(), 1, `${note} stays with e-legitimation`);
  for (const note of journal) assert.equal(await themeWith(facilitator, journal[0]).locator('.theme-note', { hasText: note }).count(), 1, `${note} stays with journaldata`);
  const names = await Promise.all([eleg[0], journal[0]].map(async (n) => (await themeWith(facilitator, n).locator('.theme-name').textContent()).trim()));
  assert.notEqual(names[0], names[1], `both halves are named apart: ${names}`);
  assert.deepEqual(facilitator.errors, []);
});
