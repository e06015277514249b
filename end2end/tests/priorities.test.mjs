// Priorities at a glance (issue 33, item 3): on the round's analysis page the needs are
// ranked by the sectors that raised them (at a threshold of notes the reader sets); the facilitator marks one as a priority area by
// keyboard and sees it at the top of the page, at the top of the report and in an export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, THREE_NEEDS, workshopWithNotes, addWorkshop, writeNotes, clusterNotes, downloadFrom,
  waitForHydration, createAccount, signInContext,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const HEALTH = THREE_NEEDS;
const SCHOOL = ['E-legitimation för lärare och personal', 'E-legitimation för anställda utan personnummer'];

test('an analyst marks a need from the ranking and finds it at the top of the report and in an export', async () => {
  const suffix = Date.now().toString(36);
  const health = { round: `Prio ${suffix}`, title: `Vård ${suffix}`, sector: 'Hälsa' };
  const { facilitator } = await workshopWithNotes(browser, health, HEALTH, { name: 'Anna' });
  await clusterNotes(facilitator, HEALTH[0]);
  const schoolCode = await addWorkshop(facilitator, { title: `Skola ${suffix}`, sector: 'Utbildning' });
  await writeNotes(browser, facilitator, schoolCode, SCHOOL, { name: 'Omar' });
  await clusterNotes(facilitator, SCHOOL[0]);

  await facilitator.getByRole('link', { name: /Till omgången/ }).click();
  await facilitator.getByRole('link', { name: 'Analys och rapport för omgången' }).click();
  await waitForHydration(facilitator);
  await facilitator.getByRole('button', { name: 'Bygg omgångens teman från workshopparna' }).click();
  await facilitator.getByText(/Byt namn, slå ihop eller dela/).waitFor();
  await waitForHydration(facilitator);

  const priorities = facilitator.getByTestId('priorities');
  const ranking = priorities.getByTestId('need-ranking');
  const rows = ranking.locator('tbody tr');
  await rows.first().waitFor();
  await priorities.getByText('Inga prioriterade områden är markerade ännu.').waitFor();
  // At two notes a sector, e-legitimation (three notes from Hälsa, two from Utbildning)
  // leads with both sectors; at three, Utbildning's two notes no longer count.
  const sectorCounts = async () => (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[2].textContent))));
  const atTwo = await sectorCounts();
  assert.equal(atTwo[0], 2, `the need both sectors raised leads: ${atTwo}`);
  assert.deepEqual(atTwo, atTwo.toSorted((a, b) => b - a), `most sectors first: ${atTwo}`);
  const top = (await rows.first().locator('th').textContent()).trim();
  assert.match(await rows.first().locator('td').nth(2).textContent(), /^(Hälsa, Utbildning|Utbildning, Hälsa)$/);
  await facilitator.getByLabel('Lappar som krävs per sektor').fill('3');
  await ranking.getByRole('button', { name: 'Sektorer (minst 3 lappar)' }).waitFor();
  assert.ok((await sectorCounts()).every((n) => n <= 1), `${await sectorCounts()}`);
  await facilitator.getByLabel('Lappar som krävs per sektor').fill('2');
  await ranking.getByRole('button', { name: 'Sektorer (minst 2 lappar)' }).waitFor();

  // Sorting by a column header, by keyboard.
  await ranking.getByRole('button', { name: 'Behov' }).focus();
  await facilitator.keyboard.press('Enter');
  await facilitator.waitForFunction(() => document.querySelector('[data-testid="need-ranking"] th[aria-sort="ascending"]'));
  await ranking.getByRole('button', { name: /^Sektorer/ }).click();

  // Marking by keyboard: the button is named after the need.
  const mark = ranking.getByRole('button', { name: `Markera «${top}» som prioriterat område` });
  await mark.focus();
  await facilitator.keyboard.press('Enter');
  const areas = priorities.getByTestId('priority-areas');
  await areas.locator('li', { hasText: top }).waitFor();
  await ranking.getByRole('button', { name: `Ta bort «${top}» från de prioriterade områdena` }).waitFor();
  // At the top of the report too, before its workshops and themes.
  const report = facilitator.getByTestId('report');
  const first = await report.locator('article > section').first().getAttribute('data-testid');
  assert.equal(first, 'priority-areas');
  await report.getByTestId('priority-areas').locator('li', { hasText: top }).waitFor();

  // A whole theme is marked from the round's themes.
  const theme = facilitator.getByTestId('round-themes').locator('.round-theme').first();
  const themeName = (await theme.locator('.round-theme-name').textContent()).trim();
  await theme.getByRole('button', { name: `Markera «${themeName}» som prioriterat område` }).click();
  await areas.locator('li', { hasText: themeName }).filter({ hasText: '(Tema)' }).waitFor();

  const { body } = await downloadFrom(facilitator, facilitator.getByTestId('round-exports').getByRole('link', { name: 'Markdown' }));
  assert.ok(body.indexOf('## Prioriterade områden') < body.indexOf('## Workshoppar'), body);
  assert.ok(body.includes(`1. **${top}**`) && body.includes(`2. **${themeName}** (Tema)`), body);
  assert.deepEqual(facilitator.errors, []);

  // An analyst the round is shared with sees the marks, and no button to change them.
  const analyst = await createAccount(browser, 'analyst');
  const analysisPath = new URL(facilitator.url()).pathname;
  const shared = await facilitator.evaluate(async ([roundId, email]) => (await fetch('/api/share_round', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ round_id: roundId, email }).toString(),
  })).status, [analysisPath.split('/')[2], analyst.email]);
  assert.equal(shared, 200);
  const context = await browser.newContext({ baseURL: new URL(facilitator.url()).origin });
  await signInContext(context, analyst);
  const reader = await context.newPage();
  await reader.goto(analysisPath);
  await waitForHydration(reader);
  const theirs = reader.getByTestId('priorities');
  await theirs.getByTestId('priority-areas').locator('li', { hasText: top }).waitFor();
  assert.equal(await theirs.getByRole('button', { name: /prioriterade? område/ }).count(), 0);
  assert.equal(await reader.getByTestId('round-themes').getByRole('button', { name: /prioriterat område/ }).count(), 0);
  await theirs.getByTestId('need-ranking').locator('tbody tr').first().waitFor();
  await context.close();
});
