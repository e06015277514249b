// The facilitator's board with 800 notes stays a board: a small page, a bounded number of
// elements, live, searchable, and clustered from the page. (Its timings are measured in
// end2end/bench/board-800.mjs and BENCHMARKS.md, not asserted here.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, createWorkshop } from './helpers.mjs';
import { fillWorkshop, measureLoad, post } from './many-notes.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a workshop of 800 notes gives a small board that stays live, searchable and clusters', async () => {
  const facilitator = await openPage(browser, '/');
  await facilitator.setViewportSize({ width: 1280, height: 900 });
  const suffix = Date.now().toString(36);
  const code = await createWorkshop(facilitator, { round: `Stor ${suffix}`, title: `800 lappar ${suffix}`, sector: 'Offentlig förvaltning' });
  const boardUrl = facilitator.url();
  const workshopId = boardUrl.split('/').pop();
  const { writers, written } = await fillWorkshop(browser, code, workshopId, 800);
  assert.equal(written, 800);

  const board = await measureLoad(facilitator, boardUrl);
  assert.ok(board.html < 300 * 1024, `the page is ${board.html} bytes`);
  assert.ok(board.elements < 5000, `the board has ${board.elements} elements`);
  await facilitator.getByText(/800 lappar/).first().waitFor();

  const text = 'Ny lapp om digital post till alla företag';
  await post(writers[0].request, 'add_note', { workshop_id: workshopId, note_id: crypto.randomUUID(), text });
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: text }).waitFor();

  // The grid draws the latest notes; the search finds an early one among all 801.
  const first = facilitator.locator('[data-testid="notes"] .note-text', { hasText: /medarbetare #1$/ });
  assert.equal(await first.count(), 0, 'the first note is not drawn at first');
  await facilitator.getByLabel('Sök bland lapparna').fill('medarbetare #1');
  await first.waitFor();

  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('[data-testid="themes"] > li.theme').first().waitFor({ timeout: 120_000 });
  const themed = await facilitator.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(themed < 5000, `the board with its themes has ${themed} elements`);
  assert.deepEqual(facilitator.errors, []);
  await Promise.all(writers.map((context) => context.close()));
});
