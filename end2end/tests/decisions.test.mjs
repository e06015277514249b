// The facilitator's decisions hold (issue 32): a note moved into another need stays there
// when clustering runs again at other slider settings and after new notes arrive, and the
// sliders are where they were left after a reload; deleting a note asks once, offers an undo,
// and a deleted note comes back from the workshop's trash, live on the participant's board;
// a split keeps the facilitator's name on its larger half; a locked theme is left as it was;
// the round's rebuild after a new workshop says what changed, to the analyst who only reads
// too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop, createAccount, signInContext, joinWithCode, addNote, needWith, themeWith, waitForHydration, reportNote } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SHOTS = process.env.KLUSTRA_SHOTS ?? '/tmp';

const NOTES = [
  'E-legitimation för medarbetare som saknar svenskt personnummer',
  'Medarbetare behöver en gemensam e-legitimation i tjänsten',
  'Tjänstelegitimation och e-legitimation för alla medarbetare',
  'Vägledning om molntjänster och CLOUD Act',
  'Kan vi använda amerikanska molntjänster trots CLOUD Act?',
  'Riskbedömning av molntjänster med hänsyn till CLOUD Act',
  'Digital brevlåda för alla medborgare och företag',
  'Myndighetspost till digital brevlåda i stället för papper',
  'Fler ska ansluta sig till en digital brevlåda',
];
const LATER = [
  'Digital brevlåda även för företag utan e-legitimation',
  'Molntjänster och e-legitimation hänger ihop vid upphandling',
];

/** A clustered workshop with NOTES: (facilitator page, participant page). */
async function clusteredWorkshop(label) {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  await facilitator.setViewportSize({ width: 1280, height: 900 });
  const code = await createWorkshop(facilitator, { round: `${label} ${suffix}`, title: `${label} ${suffix}`, sector: 'Offentlig förvaltning' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna', organisation: 'Region Syd' });
  for (const note of NOTES) await addNote(participant, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(NOTES.length - 1).waitFor();
  await rerun(facilitator);
  return { facilitator, participant };
}

/** Runs the clustering with the page's sliders; waits for the answer. */
async function rerun(facilitator) {
  const run = facilitator.waitForResponse((r) => r.url().endsWith('/api/run_clustering'));
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  assert.equal((await run).status(), 200);
  await facilitator.locator('[data-testid="themes"]').waitFor();
}

/** The id of the need holding the note with this text. */
async function needIdOf(page, text) {
  return needWith(page, text).first().getAttribute('data-need-id');
}

test('a note moved into another need stays there through re-runs at other grains and new notes', async () => {
  const { facilitator, participant } = await clusteredWorkshop('Beslut');
  const cloudNeed = await needIdOf(facilitator, NOTES[3]);
  const cloudNotes = await needWith(facilitator, NOTES[3]).first().locator('.note-text').allTextContents();
  /** Whether the moved note still shares its need with a note it was put with. */
  const withCloudNotes = async () => {
    const texts = await needWith(facilitator, NOTES[8]).first().locator('.note-text').allTextContents();
    return cloudNotes.some((text) => texts.includes(text));
  };

  // The mail-box note goes into the cloud need, by its menu.
  const note = facilitator.locator('.theme-note', { hasText: NOTES[8] });
  await note.getByRole('button', { name: /^Åtgärder/ }).click();
  await note.getByLabel('Flytta till').selectOption(`need:${cloudNeed}`);
  const moved = facilitator.waitForResponse((r) => r.url().includes('/api/move_note'));
  await note.getByRole('button', { name: 'Flytta', exact: true }).click();
  const answer = await moved;
  assert.equal(answer.status(), 200, `${answer.url()}: ${await answer.text()}`);
  await facilitator.waitForFunction(([text, id]) => [...document.querySelectorAll(`li.need[data-need-id="${id}"] .note-text`)]
    .some((n) => n.textContent === text), [NOTES[8], cloudNeed]);

  // Both sliders to one end, then the other, with new notes arriving in between.
  for (const [grain, needGrain] of [['0', '1'], ['1', '0']]) {
    await facilitator.locator('#granularity').fill(grain);
    await facilitator.locator('#need-granularity').fill(needGrain);
    await rerun(facilitator);
    assert.equal(await needIdOf(facilitator, NOTES[8]), cloudNeed, `still in the cloud need at ${grain}/${needGrain}`);
    assert.ok(await withCloudNotes(), `still with the cloud notes at ${grain}/${needGrain}`);
  }
  for (const text of LATER) await addNote(participant, text);
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: LATER[1] }).waitFor();
  await rerun(facilitator);
  assert.equal(await needIdOf(facilitator, NOTES[8]), cloudNeed, 'still there after new notes');
  assert.ok(await withCloudNotes(), 'still with the cloud notes after new notes');
  await needWith(facilitator, NOTES[8]).first().scrollIntoViewIfNeeded();
  await facilitator.locator('.themes').screenshot({ path: `${SHOTS}/decisions-move-kept.png` });

  // The sliders are where they were left, after a reload.
  await facilitator.reload();
  await waitForHydration(facilitator);
  await facilitator.waitForFunction(() => document.querySelector('#granularity')?.value === '1');
  assert.equal(await facilitator.locator('#need-granularity').inputValue(), '0');
  assert.deepEqual(facilitator.errors, []);
});

test('a locked theme stays as it was through re-runs at both slider ends, and new notes do not join it', async () => {
  const { facilitator, participant } = await clusteredWorkshop('Låst tema');
  const theme = themeWith(facilitator, NOTES[0]);
  const before = (await theme.locator('.note-text').allTextContents()).sort();
  const name = await theme.locator('.theme-name').textContent();
  await theme.getByRole('button', { name: /^Temats åtgärder/ }).click();
  const lock = theme.getByRole('button', { name: 'Lås temat' });
  assert.match(await lock.getAttribute('title'), /Inga andra lappar läggs till/);
  const locked = facilitator.waitForResponse((r) => r.url().endsWith('/api/lock_theme'));
  await lock.click();
  assert.equal((await locked).status(), 200);
  await theme.getByTestId('theme-locked').waitFor();

  // Written after the lock, on the locked theme's subject.
  const later = ['E-legitimation för nyanställda medarbetare', 'Medarbetarnas e-legitimation ska fungera i alla system'];
  for (const text of later) await addNote(participant, text);
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: later[1] }).waitFor();
  const lockedId = await theme.getAttribute('data-theme-id');
  let lockedNotes;
  for (const grain of ['0', '1', '0.5']) {
    await facilitator.locator('#granularity').fill(grain);
    // The run's answer is what it stored: every theme with its notes.
    const run = facilitator.waitForResponse((r) => r.url().endsWith('/api/run_clustering'));
    await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
    const answer = await run;
    assert.equal(answer.status(), 200);
    const themes = await answer.json();
    const kept = themes.find((t) => t.id === lockedId);
    assert.ok(kept, `the locked theme stays at ${grain}`);
    assert.equal(kept.name, name, `the name at ${grain}`);
    lockedNotes ??= kept.note_ids;
    assert.deepEqual(kept.note_ids, lockedNotes, `the same notes at ${grain}`);
    assert.equal(kept.note_ids.length, before.length, `no new note joined at ${grain}`);
    const clustered = themes.reduce((sum, t) => sum + t.note_ids.length, 0);
    assert.equal(clustered, NOTES.length + later.length, `every note, the new ones too, is in a theme at ${grain}`);
  }
  // And the board shows it so.
  await facilitator.waitForFunction(([id, count]) =>
    document.querySelectorAll(`li.theme[data-theme-id="${id}"] .theme-note`).length === count, [lockedId, before.length]);
  const shown = themeWith(facilitator, NOTES[0]);
  assert.equal(await shown.getByTestId('theme-locked').count(), 1);
  assert.deepEqual((await shown.locator('.note-text').allTextContents()).sort(), before);
  await themeWith(facilitator, NOTES[0]).screenshot({ path: `${SHOTS}/decisions-locked-theme.png` });
  assert.deepEqual(facilitator.errors, []);
});

test('deleting a note asks once, and the note comes back from the trash with its need', async () => {
  const { facilitator, participant } = await clusteredWorkshop('Papperskorg');
  const target = NOTES[7];
  const need = await needIdOf(facilitator, target);
  const card = facilitator.locator('.theme-note', { hasText: target });

  // A slip: "Ta bort" asks, "Avbryt" keeps the note.
  await card.getByRole('button', { name: /^Åtgärder/ }).click();
  await card.getByRole('button', { name: 'Ta bort', exact: true }).click();
  await card.getByText('Ta bort lappen? Den hamnar i workshopens papperskorg').waitFor();
  await card.screenshot({ path: `${SHOTS}/decisions-delete-asks.png` });
  await card.getByRole('button', { name: 'Avbryt' }).click();
  assert.equal(await card.count(), 1, 'nothing deleted');

  // Meant: the note leaves every board.
  await card.getByRole('button', { name: 'Ta bort', exact: true }).click();
  const deleted = facilitator.waitForResponse((r) => r.url().endsWith('/api/moderate_note'));
  await card.getByRole('button', { name: 'Ja, ta bort' }).click();
  const answer = await deleted;
  assert.equal(answer.status(), 200, await answer.text());
  await facilitator.locator('.theme-note', { hasText: target }).waitFor({ state: 'detached' });
  await participant.locator('[data-testid="notes"] .note-text', { hasText: target }).waitFor({ state: 'detached' });

  // From the trash (opened and used by keyboard) it comes back, live for the participant.
  const trash = facilitator.locator('section.trash');
  await trash.locator('summary').press('Enter');
  const entry = trash.locator('.trash-note', { hasText: target });
  await entry.waitFor();
  assert.match(await entry.locator('.meta').textContent(), /^Borttagen av .+@klustra\.test, 20\d\d-/);
  await trash.screenshot({ path: `${SHOTS}/decisions-trash.png` });
  const restored = facilitator.waitForResponse((r) => r.url().endsWith('/api/restore_note'));
  await entry.getByRole('button', { name: /^Återställ/ }).press('Enter');
  assert.equal((await restored).status(), 200);
  await participant.locator('[data-testid="notes"] .note-text', { hasText: target }).waitFor();
  await trash.getByText('Papperskorgen är tom.').waitFor();
  await facilitator.reload();
  await facilitator.locator('.theme-note', { hasText: target }).waitFor();
  assert.equal(await needIdOf(facilitator, target), need, 'back in its need');
  assert.deepEqual(participant.errors, []);
});

/** Deletes the note with `text` from its card in the themes, answering the question. */
async function deleteFromThemes(facilitator, text) {
  const card = facilitator.locator('.theme-note', { hasText: text });
  await card.getByRole('button', { name: /^Åtgärder/ }).click();
  await card.getByRole('button', { name: 'Ta bort', exact: true }).click();
  const deleted = facilitator.waitForResponse((r) => r.url().endsWith('/api/moderate_note'));
  await card.getByRole('button', { name: 'Ja, ta bort' }).click();
  assert.equal((await deleted).status(), 200);
  await facilitator.locator('.theme-note', { hasText: text }).waitFor({ state: 'detached' });
}

test('a deleted note is offered back for a while: Undo, by keyboard, puts it back in its need', async () => {
  const { facilitator, participant } = await clusteredWorkshop('Ångra');
  const target = NOTES[4];
  const need = await needIdOf(facilitator, target);
  await deleteFromThemes(facilitator, target);
  await participant.locator('[data-testid="notes"] .note-text', { hasText: target }).waitFor({ state: 'detached' });

  // The undo has the focus (the menu that had it went with the note): Enter takes it back.
  const undo = facilitator.getByTestId('undo-delete');
  await undo.getByText('Lappen är borttagen och ligger i papperskorgen.').waitFor();
  const undoButton = undo.getByRole('button', { name: 'Ångra' });
  await facilitator.waitForFunction(() => document.activeElement?.textContent === 'Ångra');
  await undo.screenshot({ path: `${SHOTS}/decisions-undo.png` });
  const restored = facilitator.waitForResponse((r) => r.url().endsWith('/api/restore_note'));
  await facilitator.keyboard.press('Enter');
  assert.equal((await restored).status(), 200);
  await facilitator.locator('.theme-note', { hasText: target }).waitFor();
  assert.equal(await needIdOf(facilitator, target), need, 'back in its need');
  await participant.locator('[data-testid="notes"] .note-text', { hasText: target }).waitFor();
  assert.equal(await undoButton.count(), 0, 'the undo is gone once used');

  // Unused, the offer stays at least ten seconds, then goes.
  await deleteFromThemes(facilitator, NOTES[5]);
  await undoButton.waitFor();
  const shown = Date.now();
  await undoButton.waitFor({ state: 'detached', timeout: 30_000 });
  assert.ok(Date.now() - shown >= 10_000, `offered for ${Date.now() - shown} ms`);
  assert.deepEqual(facilitator.errors, []);
  assert.deepEqual(participant.errors, []);
});

test('a split keeps the name the facilitator gave on the half holding most of the notes', async () => {
  const { facilitator } = await clusteredWorkshop('Namnet');
  const nameOf = async (text) => (await themeWith(facilitator, text).locator('.theme-name').textContent()).trim();
  const openMenu = async (theme) => {
    const button = theme.getByRole('button', { name: /^Temats åtgärder/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  };
  // One theme of all three topics: the cloud and mail-box themes merged into the e-legitimation one.
  for (const other of [NOTES[3], NOTES[6]]) {
    const otherName = await nameOf(other);
    if (otherName === await nameOf(NOTES[0])) continue;
    const theme = themeWith(facilitator, NOTES[0]);
    await openMenu(theme);
    await theme.getByLabel('Slå ihop med').selectOption({ label: otherName });
    await theme.getByRole('button', { name: 'Slå ihop', exact: true }).click();
    await themeWith(facilitator, NOTES[0]).locator('.theme-note', { hasText: other }).waitFor();
  }
  const whole = themeWith(facilitator, NOTES[0]);
  await openMenu(whole);
  await whole.getByLabel('Temats namn').fill('Vårt eget namn');
  await whole.getByRole('button', { name: 'Byt namn', exact: true }).click();
  await facilitator.locator('.theme-name', { hasText: 'Vårt eget namn' }).waitFor();

  const named = themeWith(facilitator, NOTES[0]);
  const members = await named.locator('.theme-note .note-text').allTextContents();
  assert.ok(members.length >= 6, `the merged theme: ${members}`);
  await openMenu(named);
  await named.getByRole('button', { name: 'Dela temat' }).click();
  // Two themes now hold the merged theme's notes.
  await facilitator.waitForFunction((texts) => {
    const themes = new Set(texts.map((text) => [...document.querySelectorAll('[data-testid="themes"] > li.theme')]
      .find((t) => [...t.querySelectorAll('.theme-note')].some((n) => n.textContent.includes(text)))));
    return themes.size === 2 && !themes.has(undefined);
  }, members);
  const halves = await facilitator.evaluate((texts) => [...document.querySelectorAll('[data-testid="themes"] > li.theme')]
    .map((t) => ({ name: t.querySelector('.theme-name').textContent.trim(),
      notes: [...t.querySelectorAll('.theme-note .note-text')].filter((n) => texts.includes(n.textContent)).length }))
    .filter((t) => t.notes > 0), members);
  assert.equal(halves.length, 2, JSON.stringify(halves));
  const kept = halves.find((h) => h.name === 'Vårt eget namn');
  const other = halves.find((h) => h.name !== 'Vårt eget namn');
  assert.ok(kept && other, `one half keeps the name, the other has its own: ${JSON.stringify(halves)}`);
  assert.ok(kept.notes >= other.notes, `the name stays on the larger half: ${JSON.stringify(halves)}`);
  await facilitator.locator('.themes').screenshot({ path: `${SHOTS}/decisions-split-name.png` });

  // And a re-run keeps it there.
  await rerun(facilitator);
  await facilitator.locator('.theme-name', { hasText: 'Vårt eget namn' }).waitFor();
  assert.deepEqual(facilitator.errors, []);
});

const BIKES = [
  'Cykelparkering vid stationen saknas',
  'Fler säkra cykelparkeringar vid stationen',
  'Cykelparkering med tak vid stationen',
];

test("the round's rebuild after a new workshop says what changed, to the analyst who reads too", async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  await facilitator.setViewportSize({ width: 1280, height: 900 });
  const code = await createWorkshop(facilitator, { round: `Omgång ${suffix}`, title: `Första ${suffix}`, sector: 'Offentlig förvaltning' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna', organisation: 'Region Syd' });
  for (const note of NOTES) await addNote(participant, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(NOTES.length - 1).waitFor();

  // Built once on the analysis page.
  await facilitator.getByRole('link', { name: /^Till omgången/ }).click();
  const roundPath = new URL(facilitator.url()).pathname;
  await facilitator.getByRole('link', { name: 'Analys och rapport för omgången' }).click();
  await waitForHydration(facilitator);
  await facilitator.getByRole('button', { name: 'Bygg omgångens teman från workshopparna' }).click();
  await facilitator.getByTestId('round-clustering-status').filter({ hasText: 'Senast klustrad' }).waitFor();
  assert.equal(await facilitator.getByTestId('rebuild-changes').count(), 0, 'a first build has nothing to compare');

  // A second workshop of the round, with a topic the first never had.
  await facilitator.goto(roundPath);
  await waitForHydration(facilitator);
  const title = `Andra ${suffix}`;
  await facilitator.getByLabel(/^Titel$/).fill(title);
  await facilitator.getByLabel(/^Sektor$/).fill('Kommun');
  await facilitator.getByLabel(/Frågor/).fill('Vilka behov har ni?');
  await facilitator.getByRole('button', { name: 'Skapa workshop' }).click();
  await facilitator.getByRole('link', { name: title }).click();
  const secondCode = (await facilitator.getByTestId('join-code').textContent()).trim();
  const other = await openPage(browser, '/');
  await joinWithCode(other, secondCode, { name: 'Bo', organisation: 'Malmö stad' });
  for (const note of BIKES) await addNote(other, note);
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: BIKES[2] }).waitFor();

  // The page says the themes are out of date; the rebuild says what it changed.
  await facilitator.goto(`${roundPath}/analysis`);
  await waitForHydration(facilitator);
  await facilitator.getByTestId('themes-stale').getByText('3 lappar har tillkommit').waitFor();
  await facilitator.getByRole('button', { name: 'Placera de nya lapparna i temana (inget annat flyttas)' }).click();
  const changes = facilitator.getByTestId('rebuild-changes');
  await changes.getByText('Vad den senaste ombyggnaden ändrade').waitFor();
  assert.equal(await facilitator.getByTestId('themes-stale').count(), 0, 'current again');
  const said = await changes.textContent();
  assert.match(said, /Byggd 20\d\d-\d\d-\d\d \d\d:\d\d/);
  // At the same setting every theme the analyst saw stays whole; the bikes are placed.
  assert.match(said, /med samma lappar som förut/, said);
  assert.match(said, /Nytt: «|fick nya lappar/, said);
  assert.doesNotMatch(said, /Sammanslaget|Delat|Borta/, said);
  await changes.screenshot({ path: `${SHOTS}/decisions-rebuild-changes.png` });
  const report = facilitator.getByTestId('report');
  await reportNote(report, BIKES[0]);

  // The analyst who only reads is told the same, and when.
  const analyst = await createAccount(browser, 'analyst');
  const shared = await facilitator.evaluate(async ([roundId, email]) => (await fetch('/api/share_round', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ round_id: roundId, email }).toString(),
  })).status, [roundPath.split('/').pop(), analyst.email]);
  assert.equal(shared, 200);
  const context = await browser.newContext({ baseURL: new URL(facilitator.url()).origin });
  await signInContext(context, analyst);
  const reader = await context.newPage();
  await reader.goto(`${roundPath}/analysis`);
  const theirs = reader.getByTestId('rebuild-changes');
  await theirs.waitFor();
  assert.equal(await theirs.textContent(), said, 'the same words');
  await reader.getByTestId('round-clustering-status').filter({ hasText: 'Senast klustrad' }).waitFor();
  await context.close();
  assert.deepEqual(facilitator.errors, []);
});
