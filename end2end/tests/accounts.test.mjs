// Accounts in the browser: signing in and out, changing the password, the admin creating an
// analyst, a facilitator sharing a round with them, and the analyst reading and exporting it
// without being able to change anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN, launch, openPage, createAccount, createWorkshop, joinWithCode, addNote, waitForHydration, downloadFrom,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Signs in through the login page the way a person does. */
async function signInWithForm(page, { email, password }) {
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

test('a facilitator signs in, changes the password and signs out', async () => {
  const account = await createAccount(browser, 'facilitator', 'lisa');
  const page = await openPage(browser, '/login');
  await waitForHydration(page);
  await signInWithForm(page, { ...account, password: 'fel lösenord helt enkelt' });
  await page.getByText('Fel e-postadress eller lösenord.').waitFor();
  await signInWithForm(page, account);
  await page.getByTestId('signed-in-as').filter({ hasText: account.email }).waitFor();
  await waitForHydration(page);

  await page.getByRole('link', { name: 'Ditt konto' }).click();
  await page.getByTestId('account-email').filter({ hasText: account.email }).waitFor();
  await waitForHydration(page);
  const renewed = 'ett nytt och långt lösenord';
  await page.getByLabel('Nuvarande lösenord').fill('inte det rätta lösenordet');
  await page.getByLabel('Nytt lösenord', { exact: true }).fill(renewed);
  await page.getByLabel('Nytt lösenord igen').fill(renewed);
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await page.getByText('Det nuvarande lösenordet är fel.').waitFor();
  await page.getByLabel('Nuvarande lösenord').fill(account.password);
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await page.getByTestId('password-status').filter({ hasText: 'Lösenordet är bytt' }).waitFor();

  await page.getByRole('button', { name: 'Logga ut' }).first().click();
  await page.getByRole('link', { name: 'Logga in' }).first().waitFor();
  assert.equal(await page.getByTestId('signed-in-as').count(), 0);
  await page.goto('/account');
  await page.getByTestId('sign-in-link').click();
  await waitForHydration(page);
  await signInWithForm(page, account);
  await page.getByText('Fel e-postadress eller lösenord.').waitFor();
  await signInWithForm(page, { ...account, password: renewed });
  await page.waitForURL('**/account');
  await page.getByTestId('account-email').filter({ hasText: account.email }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a board open when its facilitator signs out says so and offers to sign in again', async () => {
  const suffix = Date.now().toString(36);
  const page = await openPage(browser, '/');
  await createWorkshop(page, { round: `Utloggning ${suffix}`, title: `Tavla ${suffix}`, sector: 'Test' });
  await page.locator('[data-testid="connection"][data-state="online"]').waitFor();

  // Signed out elsewhere (another tab of the same browser): the server closes the board,
  // which stops reconnecting instead of retrying forever.
  const out = await page.context().request.post('/api/sign_out');
  assert.equal(out.status(), 200, await out.text());
  await page.locator('[data-testid="connection"][data-state="signed-out"]').waitFor();
  await page.getByText('Utloggad: tavlan uppdateras inte längre.').waitFor();
  await page.getByTestId('sign-in-again').click();
  await page.waitForURL('**/login');
  assert.deepEqual(page.errors, []);
});

test('an analyst the admin created reads a shared round and exports it, but changes nothing', async () => {
  const suffix = Date.now().toString(36);
  // The admin creates the analyst through the accounts page.
  const admin = await openPage(browser, '/login');
  await waitForHydration(admin);
  await signInWithForm(admin, ADMIN);
  await admin.getByTestId('signed-in-as').waitFor();
  await waitForHydration(admin);
  await admin.getByRole('link', { name: 'Konton' }).click();
  await admin.getByTestId('accounts').waitFor();
  await waitForHydration(admin);
  const analyst = { email: `analytiker-${suffix}@klustra.test`, password: 'analytikerns startlösenord' };
  await admin.getByLabel('E-postadress').fill(analyst.email);
  await admin.getByLabel('Roll').selectOption('analyst');
  await admin.getByLabel('Startlösenord').fill(analyst.password);
  await admin.getByRole('button', { name: 'Skapa konto' }).click();
  await admin.getByTestId('accounts').getByRole('cell', { name: analyst.email, exact: true }).waitFor();

  // A facilitator runs a workshop and shares the round with the analyst.
  const facilitator = await openPage(browser, '/');
  const title = `Delad ${suffix}`;
  const code = await createWorkshop(facilitator, { round: `Delning ${suffix}`, title, sector: 'Test' });
  const participant = await openPage(browser, '/');
  await joinWithCode(participant, code, { name: 'Anna', organisation: 'Region Uppsala' });
  await addNote(participant, 'Journaldata behöver delas mellan regioner');
  await facilitator.getByText('Journaldata behöver delas mellan regioner').waitFor();
  await facilitator.getByRole('link', { name: /^Till omgången/ }).click();
  const roundPath = new URL(facilitator.url()).pathname;
  await facilitator.getByTestId('sharing').waitFor();
  await waitForHydration(facilitator);
  await facilitator.getByTestId('sharing').getByLabel('E-postadress').fill(analyst.email);
  await facilitator.getByRole('button', { name: 'Dela', exact: true }).click();
  await facilitator.getByTestId('grants').getByText(analyst.email).waitFor();

  // The analyst signs in with the initial password and finds the round.
  const reader = await openPage(browser, roundPath);
  await reader.getByTestId('sign-in-link').click();
  await waitForHydration(reader);
  await signInWithForm(reader, analyst);
  await reader.waitForURL(`**${roundPath}`);
  await reader.getByText('Du kan läsa omgången och exportera rapporter, men inte ändra något.').waitFor();
  assert.equal(await reader.getByRole('button', { name: 'Skapa workshop' }).count(), 0, 'no workshop form');
  assert.equal(await reader.getByTestId('sharing').count(), 0, 'no sharing');
  assert.equal(await reader.getByRole('link', { name: title }).count(), 0, 'no link to the board');
  const csv = await downloadFrom(reader, reader.getByRole('link', { name: 'Exportera (CSV)' }));
  assert.match(csv.body, /Journaldata behöver delas mellan regioner/);

  await reader.getByRole('link', { name: 'Analys och rapport för omgången' }).click();
  await reader.getByTestId('round-exports').waitFor();
  await reader.getByTestId('round-themes').waitFor();
  assert.equal(await reader.getByRole('button', { name: 'Bygg omgångens teman från workshopparna' }).count(), 0, 'no clustering');
  assert.equal(await reader.getByText('Ändra temat').count(), 0, 'no menu to rename, merge or split a round theme');

  // Typing the board's address does not make it theirs.
  const workshopPath = (await facilitator.getByRole('link', { name: title }).getAttribute('href'));
  await reader.goto(workshopPath);
  await reader.getByText('Bara omgångens facilitatorer kan se den här sidan.').waitFor();
  const refused = await reader.context().request.post('/api/set_workshop_locked', {
    form: { workshop_id: workshopPath.split('/').pop(), locked: 'true' },
  });
  assert.equal(refused.status(), 403);
  await participant.getByLabel(/Skriv en lapp/).waitFor();
  assert.deepEqual([...admin.errors, ...facilitator.errors, ...reader.errors], []);
});
