// The round's analysis page at 800 notes over 8 workshops, measured in Chromium (issue 33,
// item 4): the page's HTML as sent with gzip and unpacked, its DOM element count, and the
// time from navigation until a control answers (the ranking's threshold, whose header
// follows it once the page is hydrated). Prints lines for BENCHMARKS.md; with
// KLUSTRA_SCREENSHOTS=DIR it also saves the page's top and its overview at 1280 and 390 px.
// KLUSTRA_URL is the server; KLUSTRA_LOADS the loads measured (median, default 5).
//
// The round is made through the API (tests/many-notes.mjs, fillRound): a facilitator, 8
// workshops over 4 sectors, 20 participants each writing 5 notes per workshop, each
// workshop clustered, then the round.
import { gunzipSync } from 'node:zlib';
import { BASE_URL, launch, createAccount, signInContext } from '../tests/helpers.mjs';
import { fillRound, median, pageAsSent } from '../tests/many-notes.mjs';

const WORKSHOPS = 8;
const NOTES = Number(process.env.KLUSTRA_ROUND_NOTES ?? 800);
const LOADS = Number(process.env.KLUSTRA_LOADS ?? 5);
const screenshots = process.env.KLUSTRA_SCREENSHOTS;

const browser = await launch();
const context = await browser.newContext({ baseURL: BASE_URL });
// KLUSTRA_REUSE="email|password|path" measures a round an earlier run made (it prints them).
let [email, password, path] = (process.env.KLUSTRA_REUSE ?? '').split('|');
if (!path) {
  ({ email, password } = await createAccount(browser, 'facilitator'));
  await signInContext(context, { email, password });
  path = `/rounds/${await fillRound(browser, context, { workshops: WORKSHOPS, total: NOTES })}/analysis`;
  // To stderr: scripts/bench.sh puts every line of stdout in BENCHMARKS.md.
  console.error(`the round: KLUSTRA_REUSE='${email}|${password}|${path}'`);
} else {
  await signInContext(context, { email, password });
}

const sent = await pageAsSent(context, path);
const raw = sent.encoding === 'gzip' ? gunzipSync(sent.body) : sent.body;
console.log(`analysis page, ${NOTES} notes in ${WORKSHOPS} workshops: HTML ${(sent.body.length / 1024).toFixed(0)} KB as sent (${sent.encoding ?? 'uncompressed'}), ${(raw.length / 1024).toFixed(0)} KB unpacked`);

// Until a control answers: every 20 ms the threshold is typed anew; once hydrated, the
// ranking's header follows it. Timed in the page from the start of navigation.
await context.addInitScript(() => {
  let typed;
  const tick = () => {
    const input = document.getElementById('sector-threshold');
    const headers = [...document.querySelectorAll('[data-testid="need-ranking"] th button')].map((b) => b.textContent);
    if (typed && headers.some((text) => text.includes(`minst ${typed} `) || text.includes(`least ${typed} `))) {
      // performance.now() counts from the start of the navigation.
      window.__interactiveAt = performance.now();
      return;
    }
    if (input) {
      typed = input.value === '3' ? '4' : '3';
      input.value = typed;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    setTimeout(tick, 20);
  };
  tick();
});
const page = await context.newPage();
await page.setViewportSize({ width: 1280, height: 900 });
page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
page.on('console', (m) => { if (m.type() === 'error') console.error(`console: ${m.text()}`); });
const interactive = [];
let elements = 0;
for (let i = 0; i < LOADS; i += 1) {
  await page.goto(path, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 60_000, polling: 50 }).catch(async (error) => {
    const state = await page.evaluate(() => ({
      input: document.getElementById('sector-threshold')?.value,
      headers: [...document.querySelectorAll('[data-testid="need-ranking"] th')].map((th) => th.textContent),
    }));
    throw new Error(`no control answered: ${JSON.stringify(state)}`, { cause: error });
  });
  interactive.push(Math.round(await page.evaluate(() => window.__interactiveAt)));
  elements = await page.evaluate(() => document.getElementsByTagName('*').length);
}
const timing = await page.evaluate(() => {
  const [nav] = performance.getEntriesByType('navigation');
  return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd) };
});
console.log(`analysis page: ${elements} elements, a control answers ${median(interactive)} ms after navigation (median of ${LOADS}: ${interactive.join(', ')} ms; DOMContentLoaded ${timing.domContentLoaded} ms, load ${timing.load} ms)`);

const fold = page.locator('details.report-notes-fold > summary').first();
if (await fold.count()) {
  const started = Date.now();
  await fold.click();
  await page.locator('details.report-notes-fold[open] .note-text').first().waitFor();
  console.log(`a need's notes shown ${Date.now() - started} ms after its summary is clicked`);
}

// Every fold opened at once: the page's DOM as it was when all of it was rendered up front.
const opened = Date.now();
const folds = await page.evaluate(() => {
  const all = [...document.querySelectorAll('details.report-notes-fold, details.round-theme-menu')];
  for (const details of all) details.open = true;
  return all.length;
});
await page.waitForFunction((n) => document.querySelectorAll('details[open] > summary + *').length >= n, folds);
const unfolded = await page.evaluate(() => document.getElementsByTagName('*').length);
console.log(`with all ${folds} folds opened: ${unfolded} elements (rendered in ${Date.now() - opened} ms)`);

if (screenshots) {
  await page.screenshot({ path: `${screenshots}/analysis-800-top-1280.png` });
  const overview = page.locator('section.report-overview');
  if (await overview.count()) await overview.screenshot({ path: `${screenshots}/analysis-800-overview-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${screenshots}/analysis-800-top-390.png` });
  if (await overview.count()) {
    await overview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}/analysis-800-overview-390.png` });
  }
}
await browser.close();
