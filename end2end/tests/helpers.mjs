// Shared helpers for the browser tests: launching Debian's Chromium, accounts and signing
// in, joining a workshop, adding a note and reading the board.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

/** The server under test; scripts/test.sh starts it and sets KLUSTRA_URL. */
export const BASE_URL = process.env.KLUSTRA_URL ?? 'http://127.0.0.1:3000';

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts Chromium; close it with `browser.close()`. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/**
 * A fresh browser context (its own cookies, like a separate laptop) with one page.
 * Uncaught page errors (a hydration panic, say) and anything the Content Security Policy
 * blocked are collected in `page.errors`.
 */
export async function openPage(browser, path = '/') {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) page.errors.push(message.text());
  });
  await page.goto(path);
  return page;
}

/**
 * Waits until the WebAssembly app has taken over the server-rendered page: the main module
 * and the chunks of a lazy route (which the page names in preload links) have all arrived.
 */
export async function waitForHydration(page) {
  await page.waitForFunction(() => {
    const loaded = new Set(performance.getEntriesByType('resource')
      .filter((r) => r.name.endsWith('.wasm') && r.responseEnd > 0).map((r) => r.name));
    const wanted = [...document.querySelectorAll('link[rel="preload"][href$=".wasm"]')].map((link) => link.href);
    return loaded.size > 0 && wanted.every((href) => loaded.has(href));
  });
  // The bundle hydrates right after instantiation; give it a tick to attach handlers.
  await page.waitForTimeout(300);
}

/** The admin scripts/test.sh creates before starting the server. */
export const ADMIN = {
  email: process.env.KLUSTRA_ADMIN_EMAIL ?? 'admin@klustra.test',
  password: process.env.KLUSTRA_ADMIN_PASSWORD ?? 'e2e-admin-password-123',
};

/** Signs a browser context in through the API (cookies are the context's); fails loudly. */
export async function signInContext(context, { email, password }) {
  const reply = await context.request.post('/api/sign_in', { form: { email, password } });
  assert.equal(reply.status(), 200, `signing in as ${email}: ${await reply.text()}`);
}

let adminContext;

/**
 * Creates an account with `role` (facilitator, analyst or admin) as the admin, through the
 * API; returns its e-mail address and password.
 */
export async function createAccount(browser, role, name = role) {
  if (!adminContext) {
    adminContext = await browser.newContext({ baseURL: BASE_URL });
    await signInContext(adminContext, ADMIN);
  }
  const account = {
    email: `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@klustra.test`,
    password: `lösenord för ${name} ${Date.now()}`,
  };
  const reply = await adminContext.request.post('/api/create_account', { form: { ...account, role } });
  assert.equal(reply.status(), 200, `creating ${role}: ${await reply.text()}`);
  return account;
}

/** Whether the page's browser context has a session cookie. */
async function signedIn(page) {
  return (await page.context().cookies()).some((cookie) => cookie.name === 'klustra_session');
}

/**
 * Creates a round and a workshop as a facilitator (signing the page in to a fresh
 * facilitator account first, unless it is signed in); returns the workshop page's join code.
 */
export async function createWorkshop(page, { round, title, sector }) {
  if (!(await signedIn(page))) {
    await signInContext(page.context(), await createAccount(page.context().browser(), 'facilitator'));
    await page.goto('/');
  }
  await waitForHydration(page);
  await page.getByLabel(/Namn på omgången|Name of the round/).fill(round);
  await page.getByRole('button', { name: /Skapa omgång|Create round/ }).click();
  await page.getByRole('link', { name: round }).click();
  await page.getByLabel(/^(Titel|Title)$/).fill(title);
  await page.getByLabel(/^(Sektor|Sector)$/).fill(sector);
  await page.getByLabel(/Frågor|Questions/).fill('Vilka digitala behov har ni?');
  await page.getByRole('button', { name: /Skapa workshop|Create workshop/ }).click();
  await page.getByRole('link', { name: title }).click();
  const code = (await page.getByTestId('join-code').textContent()).trim();
  assert.match(code, /^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  return code;
}

/** Joins with a typed code (as a person would type it) and an optional name and organisation. */
export async function joinWithCode(page, code, { name = '', organisation = '' } = {}) {
  await page.goto('/join');
  await page.getByLabel(/^(Kod|Code)$/).fill(code.toLowerCase());
  await page.getByLabel(/^(Kod|Code)$/).press('Enter');
  await waitForHydration(page);
  await page.getByLabel(/^(Namn|Name)$/).fill(name);
  await page.getByLabel(/^Organisation$/).fill(organisation);
  await page.getByRole('button', { name: /Gå med i workshoppen|Join the workshop/ }).click();
  await page.getByTestId('joined-as').waitFor();
}

/** Types a note into the composer and adds it. */
export async function addNote(page, text) {
  await page.getByLabel(/Skriv en lapp|Write a note/).fill(text);
  await page.getByRole('button', { name: /Lägg till lapp|Add note/ }).click();
}

/**
 * A participant (`name` of `organisation`) joins the workshop with `code` from a page of
 * their own and adds `notes`; returns their page once the facilitator's board shows them all.
 */
export async function writeNotes(browser, facilitator, code, notes, participant = {}) {
  const page = await openPage(browser, '/');
  await joinWithCode(page, code, participant);
  for (const note of notes) await addNote(page, note);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(notes.length - 1).waitFor();
  return page;
}

/**
 * A facilitator's workshop (`workshop` as for createWorkshop, in a new round) where a
 * participant wrote `notes`; returns both pages and the join code, the facilitator's page
 * on the workshop with every note on its board.
 */
export async function workshopWithNotes(browser, workshop, notes, participant = {}) {
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, workshop);
  return { facilitator, participant: await writeNotes(browser, facilitator, code, notes, participant), code };
}

/**
 * Adds a workshop (`title`, `sector`) to the round of the workshop the facilitator's page
 * is on, from the round's page; returns its join code, the page on the new workshop.
 */
export async function addWorkshop(facilitator, { title, sector }) {
  await facilitator.getByRole('link', { name: /Till omgången|Back to the round/ }).click();
  await waitForHydration(facilitator);
  await facilitator.getByLabel(/^(Titel|Title)$/).fill(title);
  await facilitator.getByLabel(/^(Sektor|Sector)$/).fill(sector);
  await facilitator.getByRole('button', { name: /Skapa workshop|Create workshop/ }).click();
  await facilitator.getByRole('link', { name: title }).click();
  return (await facilitator.getByTestId('join-code').textContent()).trim();
}

/** Clusters the workshop's notes on the facilitator's page; waits until `text`'s note is in a theme. */
export async function clusterNotes(facilitator, text) {
  await facilitator.getByRole('button', { name: /Klustra lapparna|Cluster the notes/ }).click();
  await themeWith(facilitator, text).waitFor();
}

/**
 * Nine notes of a health workshop on three needs, three notes each in different words:
 * sharing journal data, e-legitimation for staff and open geodata.
 */
export const THREE_NEEDS = Object.freeze([
  'Journaldata behöver delas mellan regioner',
  'Dela journaldata mellan region och kommun',
  'Journaldata ska kunna delas säkert mellan regioner',
  'Gemensam e-legitimation för medarbetare',
  'E-legitimation för personal utan personnummer',
  'Enklare e-legitimation för alla medarbetare',
  'Öppna geodata för kommunerna',
  'Geodata om fastigheter via öppna API:er',
  'Öppna geodata i ett gemensamt format',
]);

/** The texts of the notes on the board, in board order. */
export async function boardTexts(page) {
  return page.locator('[data-testid="notes"] .note-text').allTextContents();
}

/** The theme (list item) that holds a note with this text. */
export function themeWith(page, text) {
  return page.locator('[data-testid="themes"] > li.theme').filter({ has: page.locator('.theme-note', { hasText: text }) });
}

/** The need (list item, nested in a theme) that holds a note with this text. */
export function needWith(page, text) {
  return page.locator('[data-testid="themes"] li.need').filter({ has: page.locator('.theme-note', { hasText: text }) });
}

/** Waits until the note with this text is in a need named `name`. */
export async function waitForNeedOf(page, text, name) {
  await page.waitForFunction(([text, name]) => {
    const need = [...document.querySelectorAll('[data-testid="themes"] li.need')].find((li) =>
      [...li.querySelectorAll('.theme-note .note-text')].some((n) => n.textContent === text));
    return need?.querySelector('.need-name')?.textContent === name;
  }, [text, name]);
}

/** Waits until the note with this text is in a theme named (or, with `not`, not named) `name`. */
export async function waitForThemeOf(page, text, name, { not = false } = {}) {
  await page.waitForFunction(([text, name, not]) => {
    const theme = [...document.querySelectorAll('[data-testid="themes"] > li.theme')].find((li) =>
      [...li.querySelectorAll('.theme-note .note-text')].some((n) => n.textContent === text));
    const actual = theme?.querySelector('.theme-name')?.textContent;
    return actual !== undefined && (actual === name) !== not;
  }, [text, name, not]);
}

/** Clicks a download link; returns the file's name and text (bytes for binary files). */
export async function downloadFrom(page, link, { binary = false } = {}) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  return { name: download.suggestedFilename(), body: binary ? bytes : bytes.toString('utf8') };
}

/**
 * The note with `text` in the analysis page's report (`report`, its locator), once shown:
 * on the page a need's notes are behind a click and rendered when first opened, so every
 * fold still closed is opened until the note is there (the report renders anew when the
 * themes are rebuilt or a filter changes, its folds closed again).
 */
export async function reportNote(report, text) {
  const note = report.locator('.note-text', { hasText: text }).first();
  for (let tries = 0; tries < 100 && (await note.count()) === 0; tries += 1) {
    await report.evaluate((el) => {
      for (const details of el.querySelectorAll('details.report-notes-fold:not([open])')) details.open = true;
    });
    await report.page().waitForTimeout(100);
  }
  await note.waitFor();
  return note;
}
