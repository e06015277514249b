// The revision report: cluster → rename → move a note by keyboard → export every format
// from the workshop page, with the files' contents checked; anonymity in the exports; and
// the analyst's page of the round with its charts, filter and filtered export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, createWorkshop, joinWithCode, addNote, themeWith, waitForThemeOf, downloadFrom,
  waitForHydration, THREE_NEEDS, workshopWithNotes, addWorkshop, writeNotes, reportNote,
} from './helpers.mjs';
import { post } from './many-notes.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// One note with markup, to see it shown as text and never as markup.
const NOTES = THREE_NEEDS.with(6, '<b>Öppna</b> geodata för kommunerna');

test('cluster, rename, move by keyboard, then export the report in every format', async () => {
  const suffix = Date.now().toString(36);
  const title = `Rapport ${suffix}`;
  const workshop = { round: `Omgång ${suffix}`, title, sector: 'Hälsa' };
  const anna = { name: 'Anna Andersson', organisation: 'Region Syd' };
  const { facilitator } = await workshopWithNotes(browser, workshop, NOTES, anna);

  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  const journal = themeWith(facilitator, NOTES[0]);
  await journal.waitFor();
  await journal.getByRole('button', { name: /^Temats åtgärder/ }).click();
  const name = journal.getByLabel('Temats namn');
  await name.fill('Informationsdelning');
  await name.press('Enter');
  await facilitator.locator('.theme-name', { hasText: 'Informationsdelning' }).waitFor();
  const moved = facilitator.locator('.theme-note', { hasText: NOTES[3] });
  await moved.getByRole('button', { name: /^Åtgärder/ }).click();
  await moved.getByLabel('Flytta till').selectOption({ label: 'Informationsdelning' });
  await moved.getByRole('button', { name: 'Flytta' }).focus();
  await facilitator.keyboard.press('Enter');
  await waitForThemeOf(facilitator, NOTES[3], 'Informationsdelning');

  const exports = facilitator.getByTestId('workshop-exports');
  const html = await downloadFrom(facilitator, exports.getByRole('link', { name: /HTML/ }));
  assert.match(html.name, /^klustra-rapport-.*\.html$/);
  const renamed = html.body.split('class="report-theme"').find((s) => s.includes('<h3>Informationsdelning '));
  assert.ok(renamed?.includes(`<p class="note-text">${NOTES[3]}</p>`), 'the moved note is in the renamed theme');
  assert.ok(html.body.includes('&lt;b&gt;Öppna&lt;/b&gt;'), 'note text is escaped');
  assert.ok(html.body.includes(`${title} · Hälsa · Region Syd · Anna Andersson`), 'provenance');
  assert.ok(html.body.includes('@media print') && html.body.includes('<svg'), 'printable, with the chart');

  const md = await downloadFrom(facilitator, exports.getByRole('link', { name: 'Markdown' }));
  assert.match(md.body, /### Informationsdelning \(\d+ lappar, \d+ behov\)/);
  assert.ok(md.body.includes(`- ${NOTES[3]}`));

  const csv = await downloadFrom(facilitator, exports.getByRole('link', { name: /^CSV \(semikolon/ }));
  const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(rows.length, 1 + NOTES.length, 'a header and one row per note');
  const movedRow = rows.find((row) => row.includes(NOTES[3]));
  assert.match(movedRow, /;Informationsdelning;/, 'the moved note is in the renamed theme (semicolons for Swedish Excel)');
  assert.match(movedRow, /Region Syd;Anna Andersson;/);

  const commas = await downloadFrom(facilitator, exports.getByRole('link', { name: 'CSV (kommatecken)' }));
  const commaRow = commas.body.replace(/^\uFEFF/, '').trim().split('\r\n').find((row) => row.includes(NOTES[3]));
  assert.match(commaRow, /,Informationsdelning,/, 'the comma variant, for tools that expect commas');

  const json = JSON.parse((await downloadFrom(facilitator, exports.getByRole('link', { name: 'JSON' }))).body);
  assert.equal(json.format_version, 3);
  const theme = json.themes.find((t) => t.name === 'Informationsdelning');
  const note = json.notes.find((n) => n.text === NOTES[3]);
  assert.ok(theme.note_ids.includes(note.id), 'stable ids link themes and notes');
  assert.equal(note.organisation, 'Region Syd');

  const xlsx = await downloadFrom(facilitator, exports.getByRole('link', { name: 'Excel' }), { binary: true });
  assert.match(xlsx.name, /\.xlsx$/);
  assert.equal(xlsx.body.subarray(0, 2).toString(), 'PK', 'an Excel file is a zip');
  assert.ok(xlsx.body.includes('xl/worksheets/sheet2.xml'), 'themes and notes sheets');

  // Anonymous: the names leave every export, the organisation stays.
  await facilitator.getByRole('button', { name: 'Gör workshoppen anonym' }).click();
  await facilitator.getByTestId('anonymous').waitFor();
  const anonymous = await downloadFrom(facilitator, exports.getByRole('link', { name: /^CSV \(semikolon/ }));
  assert.ok(!anonymous.body.includes('Anna'), 'no names in an anonymous workshop');
  assert.ok(anonymous.body.includes('Region Syd'));

  // The analyst's page of the round: cluster it, see the charts, filter, export.
  await facilitator.getByRole('link', { name: /Till omgången/ }).click();
  await facilitator.getByRole('link', { name: 'Analys och rapport för omgången' }).click();
  await waitForHydration(facilitator);
  await facilitator.getByRole('button', { name: 'Bygg omgångens teman från workshopparna' }).click();
  // The page shows themes built on the fly before; wait for the stored ones.
  await facilitator.getByTestId('round-clustering-status').filter({ hasText: 'Senast klustrad' }).waitFor();
  const report = facilitator.getByTestId('report');
  await report.locator('svg.heatmap').waitFor();
  assert.ok(await report.locator('svg.bar-chart').isVisible());
  await report.locator('.report-theme h3').first().waitFor();
  const markup = await reportNote(report, 'Öppna</b> geodata');
  assert.equal(await markup.textContent(), NOTES[6], 'a note with markup is shown as its text');
  assert.equal(await report.locator('b').count(), 0, 'and never becomes markup');
  const workshops = await facilitator.getByLabel('Workshop', { exact: true }).locator('option').allTextContents();
  assert.ok(workshops.some((w) => w.startsWith(title)));
  await facilitator.getByLabel('Sektor', { exact: true }).selectOption('Hälsa');
  const roundExports = facilitator.getByTestId('round-exports');
  assert.match(await roundExports.getByRole('link', { name: /^CSV \(semikolon/ }).getAttribute('href'), /\?sector=H%C3%A4lsa$/);
  // The filter renders the report again, in the browser this time.
  assert.equal(await (await reportNote(report, 'Öppna</b> geodata')).textContent(), NOTES[6]);
  assert.equal(await report.locator('b').count(), 0);
  const roundCsv = await downloadFrom(facilitator, roundExports.getByRole('link', { name: /^CSV \(semikolon/ }));
  assert.equal(roundCsv.body.replace(/^\uFEFF/, '').trim().split('\r\n').length, 1 + NOTES.length);

  assert.deepEqual(facilitator.errors, []);
});

test('a round is archived, then purged, and the log shows both', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Gallring ${suffix}`, title: `Gallring ${suffix}`, sector: 'Test' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna' });
  await addNote(participant, 'En lapp som ska gallras');
  await facilitator.locator('[data-testid="notes"] .note-text').first().waitFor();

  await facilitator.getByRole('link', { name: /Till omgången/ }).click();
  await waitForHydration(facilitator);
  const panel = facilitator.getByTestId('retention');
  await panel.getByLabel('Lapparna sparas till och med').fill('2020-01-31');
  await panel.getByRole('button', { name: 'Spara' }).click();
  await panel.getByText('Lagringstiden har gått ut').waitFor();
  assert.ok(await panel.getByRole('button', { name: 'Rensa omgångens lappar' }).isDisabled(), 'no purge before an archive');

  const archive = await downloadFrom(facilitator, panel.getByRole('link', { name: /Exportera arkivet/ }));
  assert.equal(JSON.parse(archive.body).notes[0].text, 'En lapp som ska gallras');
  await facilitator.reload();
  await waitForHydration(facilitator);
  await panel.getByText('Arkivet innehåller alla lappar.').waitFor();
  await panel.getByLabel(/Jag har sparat arkivet/).check();
  await panel.getByRole('button', { name: 'Rensa omgångens lappar' }).click();
  await panel.getByText('Lapparna rensades').waitFor();
  const log = await panel.locator('.audit-log li').allTextContents();
  assert.match(log[0], /Lappar rensade 1 lapp, 1 deltagare/);
  assert.match(log[1], /Arkiv exporterat/);
  assert.match(log[2], /Lagringstid ändrad 2020-01-31/);
  assert.deepEqual(facilitator.errors, []);
});

test('the round builds on the workshops’ curated themes, and the analyst renames a round theme', async () => {
  const suffix = Date.now().toString(36);
  const { facilitator } = await workshopWithNotes(browser, { round: `Runda ${suffix}`, title: `Vård ${suffix}`, sector: 'Hälsa' }, [
    'E-legitimation för medarbetare i vården',
    'Personal saknar e-legitimation',
    'En gemensam API-katalog för regionerna',
    'Katalog över våra API:er',
  ], { name: 'Sara' });
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  const eleg = themeWith(facilitator, 'Personal saknar e-legitimation');
  await eleg.waitFor();
  await eleg.getByRole('button', { name: /^Temats åtgärder/ }).click();
  await eleg.getByLabel('Temats namn').fill('E-legitimation för medarbetare');
  await eleg.getByLabel('Temats namn').press('Enter');
  await facilitator.locator('.theme-name', { hasText: 'E-legitimation för medarbetare' }).waitFor();

  // A second workshop of the same round, never clustered.
  const schoolCode = await addWorkshop(facilitator, { title: `Skola ${suffix}`, sector: 'Utbildning' });
  const school = ['E-legitimation för lärare och personal', 'E-legitimation för anställda utan personnummer'];
  await writeNotes(browser, facilitator, schoolCode, school, { name: 'Omar' });

  await facilitator.getByRole('link', { name: /Till omgången/ }).click();
  await facilitator.getByRole('link', { name: 'Analys och rapport för omgången' }).click();
  await waitForHydration(facilitator);
  const themes = facilitator.getByTestId('round-themes');
  const joined = themes.locator('.round-theme', { hasText: 'E-legitimation för medarbetare' });
  await joined.waitFor();
  assert.match(await joined.textContent(), /\d+ lappar · i 2 av 2 workshoppar · (Hälsa, Utbildning|Utbildning, Hälsa)/,
    'the facilitator’s theme and the other workshop’s notes, joined, before anyone clustered the round');
  await facilitator.getByText('inte sparade').waitFor();

  await facilitator.getByRole('button', { name: 'Bygg omgångens teman från workshopparna' }).click();
  await facilitator.getByText(/Byt namn, slå ihop eller dela/).waitFor();
  await joined.locator('summary').click();
  await joined.getByLabel('Temats namn').fill('Inloggning för personal');
  await joined.getByRole('button', { name: 'Byt namn' }).click();
  await themes.locator('.round-theme-name', { hasText: 'Inloggning för personal' }).waitFor();
  await facilitator.getByTestId('report').locator('.report-theme h3', { hasText: 'Inloggning för personal' }).waitFor();
  assert.deepEqual(facilitator.errors, []);
});

test('the round page links every export, and the analysis page ranks themes by their support', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Stöd ${suffix}`, title: `Stöd ${suffix}`, sector: 'Hälsa' });
  const anna = await openPage(browser, '/');
  await joinWithCode(anna, code, { name: 'Anna' });
  // Journal data has the most notes; Bo backs the geodata notes, so they have the most +1s.
  const notes = [...NOTES, 'Journaldata mellan regioner behöver delas snabbare'];
  for (const note of notes) await addNote(anna, note);
  const bo = await openPage(browser, '/');
  await joinWithCode(bo, code, { name: 'Bo' });
  const board = await (await post(bo.context().request, 'get_board', { code })).json();
  const geodata = board.notes.filter((n) => /geodata/i.test(n.text));
  for (const note of geodata) await post(bo.context().request, 'support_note', { note_id: note.id, supported: 'true' });
  await facilitator.locator('[data-testid="notes"] .note-text').nth(notes.length - 1).waitFor();
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await themeWith(facilitator, NOTES[8]).waitFor();

  await facilitator.getByRole('link', { name: /Till omgången/ }).click();
  await waitForHydration(facilitator);
  const roundId = new URL(facilitator.url()).pathname.split('/').pop();
  const links = facilitator.getByTestId('round-page-exports').getByRole('link');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['html', 'md', 'csv', 'csv-comma', 'json', 'xlsx'].map((f) => `/export/rounds/${roundId}/${f}`));
  for (const href of hrefs) {
    const reply = await facilitator.context().request.get(href);
    assert.equal(reply.status(), 200, href);
  }

  await facilitator.getByRole('link', { name: 'Analys och rapport för omgången' }).click();
  await waitForHydration(facilitator);
  const supports = () => facilitator.getByTestId('round-themes').getByTestId('round-theme-support').allTextContents();
  await facilitator.getByTestId('round-theme-support').first().waitFor();
  assert.ok((await supports()).length >= 2, `themes: ${await supports()}`);
  const plusOnes = async () => (await supports()).map((line) => Number(line.match(/\+1 (\d+)/)[1]));
  assert.deepEqual((await plusOnes()).toSorted((a, b) => b - a).slice(0, 1), [geodata.length], 'the +1s reach a round theme');
  assert.notEqual((await plusOnes())[0], geodata.length, 'by notes, another theme leads');
  await facilitator.getByLabel('Sortera efter').selectOption({ label: '+1' });
  await facilitator.waitForFunction((n) => document.querySelector('[data-testid="round-theme-support"]')?.textContent.includes(`+1 ${n}`), geodata.length);
  const ranked = await plusOnes();
  assert.deepEqual(ranked, ranked.toSorted((a, b) => b - a), `most +1s first: ${ranked}`);
  await facilitator.getByLabel('Sortera efter').selectOption({ label: 'Lappar' });
  const byNotes = (await supports()).map((line) => Number(line.match(/^Lappar (\d+)/)[1]));
  assert.deepEqual(byNotes, byNotes.toSorted((a, b) => b - a), `most notes first: ${byNotes}`);
  await facilitator.getByTestId('report').getByTestId('theme-support').first().waitFor();
  assert.deepEqual(facilitator.errors, []);
});
