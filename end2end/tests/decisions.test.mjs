// The facilitator's decisions hold (issue 32): a note moved into another need stays there
// when clustering runs again at other slider settings and after new notes arrive, and the
// sliders are where they were left after a reload; deleting a note asks once, and a deleted
// note comes back from the workshop's trash, live on the participant's board.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop, joinWithCode, addNote, needWith, waitForHydration } from './helpers.mjs';

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

  // From the trash it comes back, live for the participant, in its need.
  const workshopId = await facilitator.evaluate(() => location.pathname.split('/').pop());
  const trash = await facilitator.evaluate(async (workshopId) => {
    const reply = await fetch('/api/get_deleted_notes', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `workshop_id=${workshopId}`,
    });
    return reply.json();
  }, workshopId);
  assert.equal(trash[0]?.text, target, JSON.stringify(trash));
  const restored = await facilitator.evaluate(async (noteId) => {
    const reply = await fetch('/api/restore_note', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `note_id=${noteId}`,
    });
    return reply.status;
  }, trash[0].id);
  assert.equal(restored, 200);
  await participant.locator('[data-testid="notes"] .note-text', { hasText: target }).waitFor();
  await facilitator.reload();
  await facilitator.locator('.theme-note', { hasText: target }).waitFor();
  assert.equal(await needIdOf(facilitator, target), need, 'back in its need');
  assert.deepEqual(participant.errors, []);
});
