// Protections as a real browser meets them: a strict Content Security Policy with a nonce
// that the hydrated pages live with, a form posted from another site refused, and a
// throttled action explained in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, createWorkshop, joinWithCode, addNote } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('pages carry a strict policy whose nonce is on every script, and it blocks nothing they use', async () => {
  const page = await openPage(browser, '/');
  const response = await page.goto('/join');
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /script-src 'self' 'nonce-[0-9a-f]{32}' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  const nonce = policy.match(/'nonce-([0-9a-f]+)'/)[1];
  // The browser hides nonces from attributes once parsed; the property still has them.
  const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  assert.ok(nonces.length > 0 && nonces.every((n) => n === nonce), `${nonces} vs ${nonce}`);
  await page.getByLabel(/^Kod$/).fill('abc-def');
  await page.getByLabel(/^Kod$/).press('Enter');
  await page.getByTestId('join-problem').waitFor();
  assert.deepEqual(page.errors, [], 'no CSP violation and no page error');

  // An inline script injected into the page is refused, and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  assert.ok(page.errors.some((e) => e.includes('Content Security Policy')), 'the violation is seen');
});

test('a form posted from another site is refused and changes nothing', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Skydd ${suffix}`, title: `Skydd ${suffix}`, sector: 'Test' });
  const workshopId = new URL(facilitator.url()).pathname.split('/')[2];

  // Another site, served by the test itself, whose page posts a form to Klustra.
  const attacker = await facilitator.context().newPage();
  await attacker.route('http://evil.test/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<form method="post" action="${BASE_URL}/api/set_workshop_locked">
      <input name="workshop_id" value="${workshopId}"><input name="locked" value="true"></form>
      <script>document.forms[0].submit()</script>`,
  }));
  const refused = attacker.waitForResponse((r) => r.url().endsWith('/api/set_workshop_locked'));
  await attacker.goto('http://evil.test/');
  const response = await refused;
  assert.equal(response.status(), 403);
  assert.equal((await response.json()).error, 'cross_site');

  await facilitator.reload();
  await facilitator.getByRole('button', { name: 'Lås tavlan' }).waitFor();
  assert.equal(await facilitator.getByRole('button', { name: 'Lås upp tavlan' }).count(), 0, 'still open');
  assert.ok(code);
});

test('a participant over the request budget gets a clear message in the page', async () => {
  const suffix = Date.now().toString(36);
  const facilitator = await openPage(browser, '/');
  const code = await createWorkshop(facilitator, { round: `Takt ${suffix}`, title: `Takt ${suffix}`, sector: 'Test' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna' });
  await addNote(participant, 'En lapp som ska finnas kvar');
  await participant.locator('[data-testid="notes"] .note-text').first().waitFor();

  // A script in the page spends the device's whole budget...
  const statuses = await participant.evaluate(async () => {
    const sent = [];
    for (let i = 0; i < 40; i++) {
      const response = await fetch('/api/list_rounds', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      sent.push(response.status);
    }
    return sent;
  });
  assert.ok(statuses.includes(429), `${statuses}`);
  // ...so the person's next click is refused, with a message saying what to do.
  await participant.getByRole('button', { name: 'Ta bort' }).click();
  const alert = participant.getByRole('alert').filter({ hasText: 'För många förfrågningar på kort tid' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Vänta \d+ s och försök igen/);
  assert.equal(await participant.locator('[data-testid="notes"] .note-text').count(), 1, 'nothing was deleted');
});
