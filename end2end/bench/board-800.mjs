// The facilitator's board with 800 notes, measured in Chromium: the page's HTML size, its
// DOM element count, the time until it is interactive (hydrated and live), and how long a
// note written by a participant takes to appear on it; then the same after clustering.
// Prints lines for scripts/bench.sh; with KLUSTRA_SCREENSHOTS=DIR it also saves
// screenshots of the board, its themes and a participant's phone. KLUSTRA_URL is the server.
//
// 20 participants join through the API and write 40 notes each (tests/many-notes.mjs).
import { BASE_URL, launch, openPage, createWorkshop, waitForHydration } from '../tests/helpers.mjs';
import { fillWorkshop, measureLoad, median, post } from '../tests/many-notes.mjs';

const NOTES = Number(process.env.KLUSTRA_BOARD_NOTES ?? 800);
const screenshots = process.env.KLUSTRA_SCREENSHOTS;

const browser = await launch();
const facilitator = await openPage(browser, '/');
await facilitator.setViewportSize({ width: 1440, height: 900 });
const code = await createWorkshop(facilitator, { round: `Bänk ${Date.now()}`, title: 'Digitala behov 800', sector: 'Offentlig förvaltning' });
const boardUrl = facilitator.url();
const workshopId = boardUrl.split('/').pop();

const { writers, written } = await fillWorkshop(browser, code, workshopId, NOTES);

const first = await measureLoad(facilitator, boardUrl);
console.log(`facilitator board, ${written} notes: HTML ${(first.html / 1024).toFixed(0)} KB, ${first.elements} elements, interactive after ${first.interactive} ms`);

// A note written now, until it shows on the facilitator's board.
const delays = [];
for (let i = 0; i < 5; i += 1) {
  const text = `Ny lapp om digital post nummer ${i + 1}`;
  const started = Date.now();
  await post(writers[i].request, 'add_note', { workshop_id: workshopId, note_id: crypto.randomUUID(), text });
  await facilitator.locator('[data-testid="notes"] .note-text', { hasText: text }).waitFor();
  delays.push(Date.now() - started);
}
console.log(`a live note on the ${written + 5}-note board: median ${median(delays)} ms from sending to shown (${delays.join(', ')} ms)`);
if (screenshots) await facilitator.screenshot({ path: `${screenshots}/board-800.png` });

const clusterStarted = Date.now();
await facilitator.getByRole('button', { name: 'Klustra lapparna' }).click();
await facilitator.locator('[data-testid="themes"] > li.theme').first().waitFor({ timeout: 120_000 });
console.log(`clustering from the page: themes shown after ${Date.now() - clusterStarted} ms`);
const clustered = await measureLoad(facilitator, boardUrl);
await facilitator.locator('[data-testid="themes"] > li.theme').first().waitFor();
const clusteredElements = await facilitator.evaluate(() => document.getElementsByTagName('*').length);
console.log(`facilitator board with themes: HTML ${(clustered.html / 1024).toFixed(0)} KB, ${clusteredElements} elements, interactive after ${clustered.interactive} ms`);
if (screenshots) {
  await facilitator.locator('section.themes').screenshot({ path: `${screenshots}/board-800-themes.png` });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: BASE_URL });
  await phone.goto(`/join`);
  await phone.getByLabel(/^(Kod|Code)$/).fill(code);
  await phone.getByLabel(/^(Kod|Code)$/).press('Enter');
  await waitForHydration(phone);
  await phone.getByLabel(/^(Namn|Name)$/).fill('Telefon');
  await phone.getByRole('button', { name: /Gå med i workshoppen/ }).click();
  await phone.getByTestId('joined-as').waitFor();
  await phone.screenshot({ path: `${screenshots}/board-800-phone.png` });
}
await browser.close();
