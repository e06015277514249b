// The round as an overview map at 800 notes over 8 workshops (issue 33, items 4 and 7): the
// analysis page opens on the themes by sector with every sector's name whole, each theme a
// link to its section, the notes behind a click (by keyboard too), a page under 150 KB as
// sent, and an HTML export that still holds every note. (Its timings are measured in
// end2end/bench/analysis-800.mjs and BENCHMARKS.md, not asserted here.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createAccount, signInContext, waitForHydration, BASE_URL } from './helpers.mjs';
import { fillRound, pageAsSent, SECTORS } from './many-notes.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the analysis page of 800 notes opens on a small overview map; the export holds every note', async () => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  await signInContext(context, await createAccount(browser, 'facilitator'));
  const roundId = await fillRound(browser, context, { workshops: 8, total: 800 });
  const path = `/rounds/${roundId}/analysis`;

  const sent = await pageAsSent(context, path);
  assert.equal(sent.encoding, 'gzip');
  assert.ok(sent.body.length < 150 * 1024, `the page is ${sent.body.length} bytes as sent`);

  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(path);
  await waitForHydration(page);
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(elements < 3500, `the page has ${elements} elements`);

  // The page opens on its contents, leading first to the overview.
  await page.getByRole('navigation', { name: 'På sidan' }).getByRole('link', { name: 'Översikt: teman per sektor' }).click();
  await page.waitForFunction(() => location.hash === '#report-overview');

  // Every sector a column, its name whole on screen.
  const overview = page.getByTestId('overview');
  const headers = await overview.locator('thead th').evaluateAll((ths) => ths.map((th) => ({
    text: th.textContent.trim(), cut: th.scrollWidth > th.clientWidth,
  })));
  assert.deepEqual(headers.map((h) => h.text), ['Tema', ...[...SECTORS].sort((a, b) => a.localeCompare(b, 'sv')), 'Totalt']);
  assert.ok(headers.every((h) => !h.cut), JSON.stringify(headers));

  // A row per theme, its link leading to the theme's section; its counts add up.
  const sections = await page.locator('.report-view section.report-theme').count();
  const rows = overview.locator('tbody tr');
  assert.equal(await rows.count(), sections);
  const sums = await rows.evaluateAll((trs) => trs.map((tr) => {
    const figures = [...tr.querySelectorAll('td')].map((td) => Number(td.textContent));
    return { sectors: figures.slice(0, -1).reduce((a, b) => a + b, 0), total: figures.at(-1) };
  }));
  assert.ok(sums.every((row) => row.sectors === row.total), JSON.stringify(sums));
  const link = rows.nth(3).locator('a');
  const target = await link.getAttribute('href');
  await link.click();
  await page.waitForFunction((hash) => location.hash === hash, target);
  const section = page.locator(`section.report-theme${target}`);
  assert.ok(await section.isVisible());
  const top = await section.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= -2 && top < 900, `the section is in view: ${top}`);

  // The notes behind a click, opened by keyboard.
  assert.equal(await page.locator('.report-view .note-text').count(), 0, 'no note rendered before asked for');
  const summary = section.locator('details.report-notes-fold > summary').first();
  const wanted = Number((await summary.textContent()).match(/\d+/)[0]);
  await summary.focus();
  await page.keyboard.press('Enter');
  await section.locator('details[open] .note-text').nth(wanted - 1).waitFor();
  assert.equal(await section.locator('details[open] .note-text').count(), wanted);

  // The export shares the report's view and holds every note.
  const exported = await context.request.get(`/export/rounds/${roundId}/html`);
  assert.equal(exported.status(), 200);
  const html = await exported.text();
  assert.equal(html.match(/<p class="note-text">/g).length, 800);
  assert.ok(!html.includes('<details'), 'every note open in the file to print');
  assert.ok(html.includes('data-testid="overview"'), 'the overview opens the export too');
  await context.close();
});
