// The facilitator's board with 800 notes, measured in Chromium: the page's HTML size, its
// DOM element count, the time until it is interactive (hydrated and live), and how long a
// note written by a participant takes to appear on it; then the same after clustering.
// Prints lines for scripts/bench.sh; with KLUSTRA_SCREENSHOTS=DIR it also saves
// screenshots of the board, its themes and a participant's phone. KLUSTRA_URL is the server.
//
// 20 participants join through the API and write 40 notes each (realistic Swedish needs of
// public agencies, from the templates below), paced to stay inside the server's limits.
import { launch, BASE_URL, openPage, createWorkshop, waitForHydration } from '../tests/helpers.mjs';

const PARTICIPANTS = 20;
const NOTES_EACH = Number(process.env.KLUSTRA_BOARD_NOTES ?? 800) / PARTICIPANTS;
const screenshots = process.env.KLUSTRA_SCREENSHOTS;

// Needs as workshop participants word them: a subject, and several ways of saying it.
const NEEDS = [
  ['e-legitimation för medarbetare', ['Vi behöver e-legitimation för medarbetare', 'Medarbetare saknar e-tjänstelegitimation', 'Inloggning med e-legitimation i tjänsten för all personal', 'Gemensam lösning för tjänste-ID']],
  ['molntjänster och CLOUD Act', ['Osäkert om vi får använda molntjänster på grund av CLOUD Act', 'Juridisk vägledning om amerikanska molnleverantörer', 'Tredjelandsöverföring vid molntjänster', 'Extern driftleverantör och personuppgifter']],
  ['API-katalog', ['En nationell API-katalog så vi hittar varandras API:er', 'Svårt att veta vilka API:er som finns hos andra myndigheter', 'Gemensam katalog över öppna API:er', 'Dokumentation av API:er på ett ställe']],
  ['grunddata', ['Säker tillgång till grunddata om personer och företag', 'Grunddata om adresser behöver vara enhetlig', 'Vi hämtar samma grunddata från flera källor', 'Kvalitetssäkrad grunddata för fastigheter']],
  ['digital post', ['Skicka beslut via digital post i stället för papper', 'Fler medborgare behöver digital brevlåda', 'Integration mot Mina meddelanden är krånglig', 'Digital post till företag']],
  ['informationsdelning', ['Dela journaldata mellan regioner', 'Rättsliga hinder för informationsdelning mellan myndigheter', 'Informationsutbyte med kommunerna går via e-post', 'Gemensamma begrepp för att kunna dela information']],
  ['kompetens', ['Brist på utvecklare och arkitekter', 'Kompetensförsörjning inom IT-säkerhet', 'Chefer behöver kunskap om digitalisering', 'Utbildning i AI för handläggare']],
  ['informationssäkerhet', ['Gemensam incidentrapportering', 'Stöd för riskanalyser av informationssäkerhet', 'Säkerhetsskydd vid upphandling av IT', 'Loggning och spårbarhet i system']],
  ['AI', ['Riktlinjer för generativ AI i handläggning', 'Gemensam AI-plattform för myndigheter', 'Etiska frågor kring AI-beslut', 'Språkmodeller som inte skickar data utomlands']],
  ['arkivering', ['Långsiktigt bevarande av digitala handlingar', 'E-arkiv som fler myndigheter kan dela', 'Gallring av e-post är manuell', 'Arkivering av chattar och Teams-möten']],
];
const QUALIFIERS = ['', ' redan i år', ' för hela sektorn', ' (svårt för små myndigheter)', ' som alla kan använda', ' med tydligt ansvar', ' utan extra kostnad'];
const ORGANISATIONS = ['Skatteverket', 'Region Uppsala', 'Försäkringskassan', 'Lantmäteriet', 'Kommun X', 'Polisen', 'Region Syd', 'Trafikverket'];

function noteText(i) {
  const [, ways] = NEEDS[i % NEEDS.length];
  const way = ways[Math.floor(i / NEEDS.length) % ways.length];
  const qualifier = QUALIFIERS[Math.floor(i / (NEEDS.length * ways.length)) % QUALIFIERS.length];
  return `${way}${qualifier} #${i + 1}`;
}

async function post(request, fn, form) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const reply = await request.post(`/api/${fn}`, { form, headers: { accept: 'application/json' } });
    if (reply.status() !== 429) {
      if (reply.status() !== 200) throw new Error(`${fn}: ${reply.status()} ${await reply.text()}`);
      return reply;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${fn}: still refused after 50 attempts`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Loads the board and measures it: HTML bytes, elements, and ms until live. */
async function measureLoad(page, url) {
  const started = Date.now();
  const response = await page.goto(url);
  const html = (await response.body()).length;
  await page.locator('[data-testid="connection"][data-state="online"]').first().waitFor({ timeout: 60_000 });
  const interactive = Date.now() - started;
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { html, interactive, elements };
}

const browser = await launch();
const facilitator = await openPage(browser, '/');
await facilitator.setViewportSize({ width: 1440, height: 900 });
const code = await createWorkshop(facilitator, { round: `Bänk ${Date.now()}`, title: 'Digitala behov 800', sector: 'Offentlig förvaltning' });
const boardUrl = facilitator.url();
const workshopId = boardUrl.split('/').pop();

const writers = [];
for (let p = 0; p < PARTICIPANTS; p += 1) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  await post(context.request, 'join_workshop', { code, display_name: `Deltagare ${p + 1}`, organisation: ORGANISATIONS[p % ORGANISATIONS.length] });
  writers.push(context);
}
let written = 0;
for (let round = 0; round < NOTES_EACH; round += 1) {
  await Promise.all(writers.map(async (context) => {
    const i = written++;
    await post(context.request, 'add_note', { workshop_id: workshopId, note_id: crypto.randomUUID(), text: noteText(i) });
  }));
}

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
