// WCAG 2.1 AA on every page, in Swedish and English: axe-core finds no serious or critical
// violation, every control is reached with Tab and shows where the focus is, and the
// Content Security Policy blocks nothing the pages need.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  ADMIN, BASE_URL, launch, openPage, createWorkshop, joinWithCode, addNote, waitForHydration, signInContext,
} from './helpers.mjs';

const require = createRequire(import.meta.url);
// Injected with evaluate rather than a <script> tag: the pages' CSP rightly refuses inline scripts.
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NOTES = [
  'Journaldata behöver delas mellan regioner',
  'Dela journaldata mellan region och kommun',
  'Gemensam e-legitimation för medarbetare',
  'E-legitimation för personal utan personnummer',
];

/** Runs axe on the page; returns its serious and critical violations, readably. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')}`);
}

/**
 * Tabs through the page from the top; returns the controls Tab never reached and those
 * that showed no focus indicator when it did.
 */
async function keyboardProblems(page) {
  const controls = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const all = [...document.querySelectorAll(selector)]
      .filter((el) => visible(el) && !el.disabled && el.tabIndex >= 0);
    all.forEach((el, i) => el.setAttribute('data-a11y-index', String(i)));
    return all.map((el) => el.outerHTML.slice(0, 90));
  });
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const reached = new Set();
  const unmarked = [];
  // Chromium's date fields take a Tab stop per part (day, month, year, calendar button).
  const stops = controls.length + 4 * (await page.locator('input[type="date"]:visible').count()) + 5;
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // Chromium's date field has a focus stop on its own calendar button, inside the field
      // where the page cannot look (the field itself is then not :focus); its ring is the browser's.
      if (el.type === 'date' && !el.matches(':focus')) return { index: el.getAttribute('data-a11y-index'), shown: true };
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return { index: el.getAttribute('data-a11y-index'), shown: outline || style.boxShadow !== 'none', html: el.outerHTML.slice(0, 90) };
    });
    if (!focus) continue;
    if (focus.index !== null) reached.add(Number(focus.index));
    if (!focus.shown) unmarked.push(`no visible focus: ${focus.html}`);
  }
  const missed = controls.filter((_, i) => !reached.has(i)).map((html) => `not reached by Tab: ${html}`);
  return [...missed, ...unmarked];
}

test('every page meets WCAG 2.1 AA in Swedish and English and works from the keyboard', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Tillgänglighet ${suffix}`, title: `Tillgänglig ${suffix}`, sector: 'Test' });
  const workshopPath = new URL(facilitator.url()).pathname;
  const roundPath = await facilitator.locator('a[href^="/rounds/"]').first().getAttribute('href');

  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna', organisation: 'Region Uppsala' });
  const admin = await openPage(browser, '/');
  await signInContext(admin.context(), ADMIN);
  for (const note of NOTES) await addNote(participant, note);
  const participantPath = new URL(participant.url()).pathname;

  // Themes clustered and a vote open, so the facilitator page shows all it can.
  await facilitator.locator('[data-testid="notes"] .note-text').nth(NOTES.length - 1).waitFor();
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('[data-testid="themes"] > li.theme').first().waitFor();
  await facilitator.getByLabel('Prickar per deltagare').fill('3');
  await facilitator.getByRole('button', { name: 'Starta röstning' }).click();
  await participant.getByTestId('dots-left').waitFor();

  const visits = [
    ['home', facilitator, '/'],
    ['round', facilitator, roundPath],
    ['round analysis', facilitator, `${roundPath}/analysis`],
    ['facilitator', facilitator, workshopPath],
    ['presenter', facilitator, `${workshopPath}/present`],
    ['join', participant, '/join'],
    ['participant board', participant, participantPath],
    ['account', facilitator, '/account'],
    ['admin accounts', admin, '/admin/users'],
    ['sign in', participant, '/login'],
    ['sign-in prompt', participant, roundPath],
    ['stale setup link', participant, `/setup/${'0'.repeat(64)}`],
  ];
  const problems = [];
  for (const lang of ['sv', 'en']) {
    for (const page of [facilitator, participant, admin]) {
      await page.context().addCookies([{ name: 'klustra_lang', value: lang, url: BASE_URL }]);
    }
    for (const [name, page, path] of visits) {
      await page.goto(path);
      await waitForHydration(page);
      assert.equal(await page.locator('html').getAttribute('lang'), lang, `${name} is in ${lang}`);
      for (const found of await axeViolations(page)) problems.push(`${name} (${lang}) ${found}`);
      if (lang === 'sv') {
        for (const found of await keyboardProblems(page)) problems.push(`${name}: ${found}`);
      }
    }
  }
  assert.deepEqual(problems, [], `accessibility problems:\n${problems.join('\n')}`);
  assert.deepEqual([...facilitator.errors, ...participant.errors, ...admin.errors], [], 'no page errors or CSP violations');
});
