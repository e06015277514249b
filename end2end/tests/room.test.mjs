// The room: the projector readable from the back row at 720p and 1080p with the newest notes
// in view, the participant's phone that sends with Enter and shows the note field without
// scrolling, cut texts readable whole, and boards live again at once after a restart.
// Screenshots go to $KLUSTRA_SCREENSHOTS (default /tmp) for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { launch, BASE_URL, createWorkshop, joinWithCode, waitForHydration, ADMIN, signInContext } from './helpers.mjs';
import { fillWorkshop, post } from './many-notes.mjs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// Injected with evaluate: the pages' CSP rightly refuses inline scripts.
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's text that fails WCAG AA contrast, as axe finds it. */
async function contrastProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => window.axe.run(document, { runOnly: ['color-contrast'], resultTypes: ['violations'] }));
  return results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`));
}

const SHOTS = process.env.KLUSTRA_SCREENSHOTS ?? '/tmp';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Notes as long as a note may be (280 characters), in the words of a workshop. */
const LONG_NOTES = [
  'Vi behöver e-legitimation för medarbetare som fungerar i alla våra system, även för konsulter och nyanställda som ännu inte har svenskt personnummer, och som går att använda både på datorn och i mobilen utan att varje förvaltning måste bygga sin egen lösning för inloggning och behörighet.',
  'Osäkert om vi får använda molntjänster på grund av CLOUD Act: vi behöver en gemensam juridisk bedömning, en mall för riskanalys och tydliga besked om vilka uppgifter som får lagras hos amerikanska leverantörer, så att varje myndighet slipper göra samma utredning om och om igen på egen hand.',
];

/** A page of its own (its own cookies, as another device) sized `width` × `height`. */
async function pageSized(width, height, baseURL = BASE_URL) {
  const context = await browser.newContext({ baseURL, viewport: { width, height } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  return page;
}

/** A facilitator's fresh workshop: its page, join code and id. */
async function workshop(facilitator, name) {
  await facilitator.goto('/');
  const suffix = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const code = await createWorkshop(facilitator, { round: `Rummet ${suffix}`, title: `${name} ${suffix}`, sector: 'Offentlig förvaltning' });
  return { code, url: facilitator.url(), id: facilitator.url().split('/').pop() };
}

/** A participant who joined through the API; returns its request context. */
async function apiParticipant(code, name) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  await post(context.request, 'join_workshop', { code, display_name: name, organisation: 'Region Syd' });
  return context;
}

/** Adds a note through the API as `writer`. */
async function apiNote(writer, workshopId, text) {
  await post(writer.request, 'add_note', { workshop_id: workshopId, note_id: crypto.randomUUID(), text });
}

/** An element's box, or fails saying which. */
async function box(page, selector) {
  const found = await page.locator(selector).first().boundingBox();
  assert.ok(found, `${selector} is shown`);
  return found;
}

for (const [width, height] of [[1920, 1080], [1280, 720]]) {
  test(`the projector at ${width}×${height}: code and address from the back row, a large QR code, newest notes first, live counts`, async () => {
    const facilitator = await pageSized(width, height);
    const { code, url, id } = await workshop(facilitator, 'Projektor');
    const anna = await apiParticipant(code, 'Anna');
    const bo = await apiParticipant(code, 'Bo');
    await apiNote(anna, id, 'API-katalog så vi hittar varandras API:er');
    for (const text of LONG_NOTES) await apiNote(bo, id, text);
    await apiNote(anna, id, 'Grunddata om adresser behöver vara enhetlig');

    await facilitator.goto(`${url}/present`);
    await waitForHydration(facilitator);
    const projector = facilitator;
    await projector.locator('[data-testid="notes"] .note').nth(3).waitFor();

    const address = await box(projector, '[data-testid="presenter-address"]');
    const codeBox = await box(projector, '[data-testid="presenter-code"] strong');
    const qr = await box(projector, '[data-testid="presenter-qr"]');
    const fontSize = (selector) => projector.locator(selector).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    for (const [what, selector, found] of [['address', '[data-testid="presenter-address"]', address], ['code', '[data-testid="presenter-code"] strong', codeBox]]) {
      assert.ok(await fontSize(selector) >= 0.08 * height, `the ${what}'s letters are at least 8 % of ${height} px high`);
      assert.ok(found.height >= 0.08 * height, `the ${what} is ${found.height} px high at ${height} px`);
      assert.ok(found.x >= 0 && found.x + found.width <= width, `the ${what} is on screen`);
    }
    const host = new URL(BASE_URL).host;
    assert.equal((await projector.getByTestId('presenter-address').textContent()).trim(), `${host}/join`);
    assert.equal((await projector.locator('[data-testid="presenter-code"] strong').textContent()).trim(), code);
    assert.ok(qr.width >= (height >= 1080 ? 300 : 200), `the QR code is ${qr.width} px wide`);
    assert.ok(qr.x + qr.width <= width && qr.y + qr.height <= height, 'the QR code is on screen');

    // Newest first: the note written last leads, in view.
    const texts = () => projector.locator('[data-testid="notes"] .note-text').allTextContents();
    assert.equal((await texts())[0], 'Grunddata om adresser behöver vara enhetlig');
    await projector.getByTestId('presenter-count').filter({ hasText: '4 lappar · 2 deltagare' }).waitFor();
    // Live: a new note goes first, a new participant is counted.
    const cecilia = await apiParticipant(code, 'Cecilia');
    await projector.getByTestId('presenter-count').filter({ hasText: '3 deltagare' }).waitFor();
    await apiNote(cecilia, id, 'Fler medborgare behöver en digital brevlåda');
    await projector.getByTestId('presenter-count').filter({ hasText: '5 lappar' }).waitFor();
    assert.equal((await texts())[0], 'Fler medborgare behöver en digital brevlåda');
    const first = await box(projector, '[data-testid="notes"] .note');
    assert.ok(first.y + first.height <= height, 'the newest note is in view without scrolling');

    // The 280-character notes are whole and nothing runs off the side.
    for (const text of LONG_NOTES) {
      const note = projector.locator('[data-testid="notes"] .note-text', { hasText: text.slice(0, 60) });
      assert.equal((await note.textContent()).trim(), text);
      assert.ok(await note.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1), 'not cut');
    }
    assert.ok(await projector.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await projector.screenshot({ path: `${SHOTS}/room-projector-${width}x${height}.png` });
    assert.deepEqual(projector.errors, []);
    await Promise.all([anna, bo, cecilia].map((c) => c.close()));
    await projector.context().close();
  });
}

test('the projector keeps the newest of 800 notes in view', async () => {
  const facilitator = await pageSized(1920, 1080);
  const { code, url, id } = await workshop(facilitator, '800 på projektorn');
  const { writers } = await fillWorkshop(browser, code, id, 800);
  await facilitator.goto(`${url}/present`);
  await waitForHydration(facilitator);
  await facilitator.getByTestId('presenter-count').filter({ hasText: '800 lappar' }).waitFor({ timeout: 60_000 });
  const text = 'Ny lapp: e-legitimation för medarbetare i hela regionen';
  await apiNote(writers[0], id, text);
  const newest = facilitator.locator('[data-testid="notes"] .note').first();
  await newest.filter({ hasText: text }).waitFor();
  const shown = await newest.boundingBox();
  assert.ok(shown.y >= 0 && shown.y + shown.height <= 1080, `the newest note is in view at ${shown.y}`);
  await facilitator.getByTestId('presenter-count').filter({ hasText: '801 lappar' }).waitFor();
  await facilitator.screenshot({ path: `${SHOTS}/room-projector-800.png` });
  assert.deepEqual(facilitator.errors, []);
  await Promise.all(writers.map((c) => c.close()));
  await facilitator.context().close();
});

test('the projector in light and dark meets AA contrast, and its themes show whole names', async () => {
  const facilitator = await pageSized(1920, 1080);
  const { code, url, id } = await workshop(facilitator, 'Teman på väggen');
  const writer = await apiParticipant(code, 'Greta');
  const notes = [
    'E-legitimation för medarbetare utan svenskt personnummer', 'Gemensam e-legitimation för all personal',
    'Inloggning med e-legitimation i alla system för medarbetare', 'E-tjänstelegitimation för anställda',
    'En nationell API-katalog så vi hittar varandras API:er', 'Katalog över myndigheternas öppna API:er',
    'Dokumentation av API:er på ett och samma ställe', 'Svårt att veta vilka API:er som finns hos andra',
  ];
  for (const text of notes) await apiNote(writer, id, text);
  await facilitator.goto(url);
  await waitForHydration(facilitator);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(notes.length - 1).waitFor();
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('.theme').first().waitFor({ timeout: 120_000 });

  await facilitator.goto(`${url}/present`);
  await waitForHydration(facilitator);
  const projector = facilitator;
  await projector.locator('[data-testid="notes"] .note').nth(notes.length - 1).waitFor();
  for (const colorScheme of ['light', 'dark']) {
    await projector.emulateMedia({ colorScheme });
    assert.deepEqual(await contrastProblems(projector), [], `notes, ${colorScheme}`);
    await projector.screenshot({ path: `${SHOTS}/room-projector-${colorScheme}.png` });
  }
  await projector.getByRole('button', { name: 'Visa teman' }).click();
  const names = projector.locator('[data-testid="presenter-themes"] .presenter-theme-name');
  await names.first().waitFor();
  await wholeAndInView(projector, 1080);
  // Each theme with its needs under it, named (or numbered) as the room may see them.
  const needs = projector.locator('[data-testid="presenter-needs"] .presenter-need-name');
  assert.ok(await needs.count() >= 2, `the needs are shown (${await needs.count()})`);
  for (const colorScheme of ['light', 'dark']) {
    await projector.emulateMedia({ colorScheme });
    assert.deepEqual(await contrastProblems(projector), [], `themes, ${colorScheme}`);
    await projector.screenshot({ path: `${SHOTS}/room-projector-themes-${colorScheme}.png` });
  }
  assert.deepEqual(projector.errors, []);
  await writer.close();
  await projector.context().close();
});

/**
 * Every theme and need name on the projector is whole (wrapped, never cut) and, when
 * `height` is given, on the screen; returns the names' font sizes in px (themes, needs).
 */
async function wholeAndInView(projector, height) {
  const names = projector.locator('[data-testid="presenter-themes"] :is(.presenter-theme-name, .presenter-need-name)');
  const found = await names.evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { text: el.textContent, whole: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
      bottom: r.bottom, right: r.right, need: el.classList.contains('presenter-need-name'), size: Number.parseFloat(getComputedStyle(el).fontSize) };
  }));
  assert.ok(found.length > 0, 'themes are shown');
  for (const name of found) {
    assert.ok(name.whole, `${name.text} is whole`);
    assert.ok(name.right <= projector.viewportSize().width, `${name.text} is not off the side`);
    if (height) assert.ok(name.bottom <= height, `${name.text} is on the screen (${name.bottom} of ${height})`);
  }
  return {
    themes: Math.min(...found.filter((n) => !n.need).map((n) => n.size)),
    needs: Math.min(...found.filter((n) => n.need).map((n) => n.size)),
    count: found.length,
  };
}

test('the projector shows the themes and needs of 800 notes whole, filling one screen', async () => {
  const facilitator = await pageSized(1920, 1080);
  const { code, url, id } = await workshop(facilitator, 'Teman av 800');
  const { writers } = await fillWorkshop(browser, code, id, 800);
  await facilitator.goto(url);
  await waitForHydration(facilitator);
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  await facilitator.locator('[data-testid="themes"] > li.theme').first().waitFor({ timeout: 300_000 });
  await facilitator.goto(`${url}/present`);
  await waitForHydration(facilitator);
  await facilitator.getByTestId('presenter-count').filter({ hasText: '800 lappar' }).waitFor({ timeout: 60_000 });
  await facilitator.getByRole('button', { name: 'Visa teman' }).click();
  await facilitator.locator('[data-testid="presenter-needs"]').first().waitFor();
  const sizes = await wholeAndInView(facilitator, 1080);
  console.log(`800 notes on the projector: ${sizes.count} names, themes at ${sizes.themes} px, needs at ${sizes.needs} px`);
  assert.ok(sizes.needs >= 14, `a need's name is readable from the back (${sizes.needs} px)`);
  assert.ok(await facilitator.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight), 'one screen, no scrolling');
  await facilitator.screenshot({ path: `${SHOTS}/room-projector-themes-800.png` });
  // Smaller windows refit: at 720p everything is still whole.
  await facilitator.setViewportSize({ width: 1280, height: 720 });
  await facilitator.waitForTimeout(300);
  await wholeAndInView(facilitator);
  await facilitator.screenshot({ path: `${SHOTS}/room-projector-themes-800-720p.png` });
  assert.deepEqual(facilitator.errors, []);
  await Promise.all(writers.map((c) => c.close()));
  await facilitator.context().close();
});

for (const [width, height] of [[360, 640], [390, 844]]) {
  test(`a ${width} px phone shows the note field and its button without scrolling, under a one-line header`, async () => {
    const facilitator = await pageSized(1280, 720);
    const { code } = await workshop(facilitator, 'Telefon med en ganska lång workshoptitel om digital förvaltning');
    const phone = await pageSized(width, height);
    await joinWithCode(phone, code, { name: 'Dalia', organisation: 'Försäkringskassan' });
    await phone.locator('[data-testid="connection"][data-state="online"]').waitFor();
    const field = await box(phone, '#note-text');
    const send = await box(phone, '.note-form button[type="submit"]');
    assert.ok(field.y + field.height <= height, `the field ends at ${field.y + field.height} of ${height}`);
    assert.ok(send.y + send.height <= height, `the button ends at ${send.y + send.height} of ${height}`);
    const tops = await phone.locator('.site-header > :is(a, nav, span)').evaluateAll((els) => els
      .filter((el) => el.offsetParent !== null && getComputedStyle(el).display !== 'none').map((el) => el.getBoundingClientRect()));
    const header = await box(phone, '.site-header');
    assert.ok(tops.every((r) => r.top >= header.y && r.bottom <= header.y + header.height), 'everything in the header is inside it');
    assert.ok(header.height < 60, `the header is one line (${header.height} px)`);
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await phone.screenshot({ path: `${SHOTS}/room-phone-${width}.png` });
    assert.deepEqual(phone.errors, []);
    await phone.context().close();
    await facilitator.context().close();
  });
}

test('on a board of 800 notes, a phone shows the note just written first in the notes, and the newest of the others next', async () => {
  const facilitator = await pageSized(1280, 720);
  const { code, id } = await workshop(facilitator, '800 i telefonen');
  const { writers } = await fillWorkshop(browser, code, id, 800);
  const phone = await pageSized(390, 844);
  await joinWithCode(phone, code, { name: 'Lena', organisation: 'Lantmäteriet' });
  await phone.locator('[data-testid="connection"][data-state="online"]').waitFor();
  const other = 'Någon annans lapp om digital post till företag';
  await apiNote(writers[0], id, other);
  await phone.locator('[data-testid="notes"] .note-text').first().filter({ hasText: other }).waitFor();
  const mine = 'Grunddata om fastigheter borde gå att hämta via ett öppet API';
  await phone.getByLabel('Skriv en lapp').fill(mine);
  await phone.getByRole('button', { name: 'Lägg till lapp' }).click();
  const texts = phone.locator('[data-testid="notes"] .note-text');
  await texts.first().filter({ hasText: mine }).waitFor();
  assert.equal(await texts.nth(1).textContent(), other, 'the newest of the others comes next');
  assert.equal(await texts.count(), 100, 'the latest hundred are shown');
  await phone.getByTestId('grid-status').filter({ hasText: 'Visar de senaste 100 av 802 lappar.' }).waitFor();
  const shown = await texts.first().boundingBox();
  assert.ok(shown.y + shown.height <= 844 * 2, `the note just written is within two screens of the top (${shown.y})`);
  await texts.first().scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${SHOTS}/room-phone-800-mine.png` });
  assert.deepEqual(phone.errors, []);
  await Promise.all(writers.map((c) => c.close()));
  await phone.context().close();
  await facilitator.context().close();
});

test('Enter sends, Shift+Enter breaks the line, Ctrl+Enter sends; a refused text stays', async () => {
  const facilitator = await pageSized(1280, 720);
  const { code } = await workshop(facilitator, 'Tangenter');
  const phone = await pageSized(390, 844);
  await joinWithCode(phone, code, { name: 'Erik' });
  await phone.locator('[data-testid="connection"][data-state="online"]').waitFor();
  const field = phone.getByLabel(/Skriv en lapp|Write a note/);
  const notes = () => phone.locator('[data-testid="notes"] .note-text').allTextContents();
  // Said under the field, and read out with it.
  const hint = 'Enter skickar, Skift+Enter ger ny rad';
  assert.equal((await phone.getByTestId('enter-sends').textContent()).trim(), hint);
  assert.ok(await phone.getByTestId('enter-sends').isVisible());
  const described = await field.evaluate((el) => el.getAttribute('aria-describedby').split(' ')
    .map((id) => document.getElementById(id)?.textContent.trim()));
  assert.ok(described.includes(hint), `the field's description: ${described}`);

  await field.click();
  await phone.keyboard.type('Digital brevlåda');
  await phone.keyboard.press('Shift+Enter');
  await phone.keyboard.type('för alla företag');
  assert.equal(await field.inputValue(), 'Digital brevlåda\nför alla företag', 'Shift+Enter is a new line');
  await phone.keyboard.press('Enter');
  await phone.locator('[data-testid="notes"] .note-text', { hasText: 'för alla företag' }).waitFor();
  assert.deepEqual(await notes(), ['Digital brevlåda\nför alla företag']);
  assert.equal(await field.inputValue(), '', 'the field is empty after sending');

  await phone.keyboard.type('Grunddata om fastigheter');
  await phone.keyboard.press('Control+Enter');
  await phone.locator('[data-testid="notes"] .note-text', { hasText: 'Grunddata om fastigheter' }).waitFor();
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: 'Grunddata om fastigheter' }).waitFor();

  const tooLong = 'x'.repeat(501); // one over the limit
  await field.fill(tooLong);
  await field.press('Enter');
  await phone.locator('.problem[role="alert"]').waitFor();
  assert.equal(await field.inputValue(), tooLong, 'a refused note keeps its text');
  assert.equal((await notes()).length, 2);
  // In English too (the board of a workshop already joined, at its own address).
  await phone.goto(`/lang/en?next=${encodeURIComponent(`/join/${code}`)}`);
  await phone.getByTestId('enter-sends').filter({ hasText: 'Enter sends, Shift+Enter starts a new line' }).waitFor();
  assert.deepEqual(phone.errors, []);
  await phone.context().close();
  await facilitator.context().close();
});

test('a merge candidate is whole in its name, and whole on screen once focused', async () => {
  const facilitator = await pageSized(1280, 720);
  const { code, id } = await workshop(facilitator, 'Hela texten');
  const writer = await apiParticipant(code, 'Fia');
  const [first, second] = LONG_NOTES;
  await apiNote(writer, id, first);
  await apiNote(writer, id, `${first.slice(0, 200)} Samma behov igen.`);
  await apiNote(writer, id, second);
  const card = facilitator.locator('[data-testid="notes"] li').filter({ hasText: 'Samma behov igen.' });
  await card.waitFor();
  await waitForHydration(facilitator);
  await card.getByRole('button', { name: /^Åtgärder/ }).click();
  // Its name is the whole note, not its first 40 characters.
  const choice = card.getByRole('button', { name: first, exact: true });
  await choice.waitFor();
  const clamped = choice.locator('.clamp');
  assert.ok(await clamped.evaluate((el) => el.scrollHeight > el.clientHeight + 1), 'two lines of it until focused');
  await choice.focus();
  assert.ok(await clamped.evaluate((el) => el.scrollHeight <= el.clientHeight + 1), 'all of it once focused');
  assert.equal(await choice.getAttribute('title'), first, 'and on hover');
  await facilitator.screenshot({ path: `${SHOTS}/room-merge-focus.png` });
  await writer.close();
  await facilitator.context().close();
});

test("a note's menu in the themes is named with the whole note, and shows it on hover", async () => {
  const facilitator = await pageSized(1280, 720);
  const { code, id } = await workshop(facilitator, 'Hela namnet');
  const writer = await apiParticipant(code, 'Gun');
  for (const text of [...LONG_NOTES, 'E-legitimation för alla medarbetare', 'Vägledning om CLOUD Act och molntjänster']) {
    await apiNote(writer, id, text);
  }
  await waitForHydration(facilitator);
  await facilitator.locator('[data-testid="notes"] .note-text').nth(3).waitFor();
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
  const themes = facilitator.locator('[data-testid="themes"]');
  await themes.locator('li.theme').first().waitFor({ timeout: 120_000 });
  for (const text of LONG_NOTES) {
    const menu = themes.getByRole('button', { name: `Åtgärder: ${text}`, exact: true });
    assert.equal(await menu.count(), 1, `the menu of "${text.slice(0, 30)} …" is named with all ${text.length} characters`);
    assert.equal(await menu.getAttribute('title'), `Åtgärder: ${text}`, 'and shows it on hover');
  }
  assert.deepEqual(facilitator.errors, []);
  await writer.close();
  await facilitator.context().close();
});

// --- A server of this test's own, to restart ---------------------------------------------

const REPO = path.resolve(import.meta.dirname, '../..');
const KLUSTRA = process.env.KLUSTRA_BIN ?? path.join(REPO, 'target/debug/klustra');

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the server answers its health check; returns when (ms, performance clock). */
async function answering(url, deadlineMs = 60_000) {
  const until = performance.now() + deadlineMs;
  while (performance.now() < until) {
    try {
      const reply = await fetch(`${url}/healthz`);
      if (reply.ok) return performance.now();
    } catch { /* not yet */ }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the restarted server did not answer');
}

/** `klustra` on `port` with its data in `dir`; resolves once it answers. */
async function startKlustra(dir, port) {
  const child = spawn(KLUSTRA, ['--bind', `127.0.0.1:${port}`, '--data-dir', dir, '--demo', 'false'],
    { cwd: REPO, stdio: 'ignore', env: { ...process.env, RUST_LOG: 'warn' } });
  const up = await answering(`http://127.0.0.1:${port}`);
  return { child, up };
}

test('after a restart, boards are live again and show a note written during the outage within 2 s', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'klustra-restart-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  execFileSync(KLUSTRA, ['--data-dir', dir, 'admin', 'create', '--email', ADMIN.email],
    { cwd: REPO, env: { ...process.env, KLUSTRA_ADMIN_PASSWORD: ADMIN.password }, stdio: 'ignore' });
  let server = await startKlustra(dir, port);
  try {
    const facilitator = await pageSized(1280, 720, url);
    await signInContext(facilitator.context(), ADMIN);
    await facilitator.goto('/');
    const suffix = Date.now().toString(36);
    const code = await createWorkshop(facilitator, { round: `Omstart ${suffix}`, title: `Omstart ${suffix}`, sector: 'Test' });
    await facilitator.locator('[data-testid="connection"][data-state="online"]').first().waitFor();
    const phone = await pageSized(390, 844, url);
    await phone.goto(`/join/${code}`);
    await waitForHydration(phone);
    await phone.getByRole('button', { name: /Gå med i workshoppen|Join the workshop/ }).click();
    await phone.locator('[data-testid="connection"][data-state="online"]').waitFor();

    const timings = [];
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill(signal);
      await exited;
      await phone.locator('[data-testid="connection"]:not([data-state="online"])').waitFor();
      const text = `Skriven under avbrottet (${signal}): API-katalog`;
      await phone.getByLabel(/Skriv en lapp|Write a note/).fill(text);
      await phone.getByLabel(/Skriv en lapp|Write a note/).press('Enter');
      // Down a few seconds, as a restart is; the boards meanwhile back off.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      server = await startKlustra(dir, port);
      await facilitator.locator('[data-testid="notes"] .note-text', { hasText: text }).waitFor({ timeout: 20_000 });
      const seenAt = performance.now();
      await phone.locator('[data-testid="connection"][data-state="online"]').waitFor();
      timings.push([signal, Math.round(seenAt - server.up)]);
    }
    console.log(`note written during the outage on the facilitator's board, ms after the server answered: ${JSON.stringify(timings)}`);
    for (const [signal, ms] of timings) assert.ok(ms <= 2000, `after ${signal} the note took ${ms} ms`);
    assert.deepEqual([...facilitator.errors, ...phone.errors], []);
    await phone.context().close();
    await facilitator.context().close();
  } finally {
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
