// The theme panel says when grouping by meaning is off. A second server, started here with
// its model setting naming a file that is not there, shows the notice in Swedish and in
// English; the server under test (with the model that scripts/test.sh installs) does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, openPage, createWorkshop, waitForHydration, BASE_URL } from './helpers.mjs';

const REPO = resolve('..');
const BIN = resolve(REPO, process.env.CARGO_TARGET_DIR ?? 'target', 'debug', 'klustra');
const NOTICE_SV = /Gruppering efter innebörd är avstängd/;
const NOTICE_EN = /Grouping by meaning is off/;

let browser;
let bare;
before(async () => {
  browser = await launch();
  bare = await startWithoutModel();
});
after(async () => {
  await browser?.close();
  bare?.stop();
});

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/** Starts `klustra` on a fresh SQLite directory without its sentence model, with an admin. */
async function startWithoutModel() {
  const dir = mkdtempSync(join(tmpdir(), 'klustra-no-model-'));
  const admin = { email: 'admin@utan-modell.test', password: 'ett lösenord utan modell' };
  execFileSync(BIN, ['--data-dir', dir, 'admin', 'create', '--email', admin.email], {
    cwd: REPO, env: { ...process.env, KLUSTRA_ADMIN_PASSWORD: admin.password }, stdio: 'ignore',
  });
  const port = await freePort();
  const args = ['--bind', `127.0.0.1:${port}`, '--data-dir', dir, '--demo', 'false',
    '--embedding-model', join(dir, 'no-such-model.bin')];
  const server = spawn(BIN, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => { log += chunk; });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    assert.ok(attempt < 300, `the server without a model did not start:\n${log}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url, admin, log: () => log,
    stop() { server.kill(); rmSync(dir, { recursive: true, force: true }); },
  };
}

test('the theme panel says that grouping by meaning is off when the model is missing', async () => {
  const warnings = bare.log().split('\n').filter((line) => line.includes('semantic grouping is off'));
  assert.equal(warnings.length, 1, `one warning at start:\n${bare.log()}`);

  const context = await browser.newContext({ baseURL: bare.url });
  const signIn = await context.request.post('/api/sign_in', { form: bare.admin });
  assert.equal(signIn.status(), 200, await signIn.text());
  const round = await (await context.request.post('/api/create_round', { form: { title: 'Utan modell' } })).json();
  const workshop = await (await context.request.post('/api/create_workshop', {
    form: { round_id: round.id, title: 'Utan modell', sector: 'Test', held_on: '', prompts: '' },
  })).json();
  const page = await context.newPage();
  await page.goto(`/workshops/${workshop.id}`);
  await waitForHydration(page);
  await page.getByTestId('semantic-off').filter({ hasText: NOTICE_SV }).waitFor();

  await page.goto(`/lang/en?next=/workshops/${workshop.id}`);
  await page.getByTestId('semantic-off').filter({ hasText: NOTICE_EN }).waitFor();
  await context.close();
});

test('with the model the theme panel has no such notice', async () => {
  const facilitator = await openPage(browser, '/');
  await createWorkshop(facilitator, { round: `Modell ${Date.now().toString(36)}`, title: 'Med modell', sector: 'Test' });
  const grouping = await facilitator.context().request.post(`${BASE_URL}/api/get_semantic_grouping`);
  assert.equal(await grouping.json(), true, 'scripts/test.sh runs the server with its sentence model');
  await facilitator.getByRole('button', { name: 'Klustra lapparna' }).waitFor();
  assert.equal(await facilitator.getByTestId('semantic-off').count(), 0);
});
