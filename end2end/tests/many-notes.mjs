// A workshop filled with many notes through the participants' API, as the board at 800 notes
// is measured (end2end/bench/board-800.mjs) and tested (tests/board-800.test.mjs): 20
// participants join and write realistic Swedish needs of public agencies, from the templates
// below, paced to stay inside the server's limits.
import { BASE_URL } from './helpers.mjs';

export const PARTICIPANTS = 20;

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

export function noteText(i) {
  const [, ways] = NEEDS[i % NEEDS.length];
  const way = ways[Math.floor(i / NEEDS.length) % ways.length];
  const qualifier = QUALIFIERS[Math.floor(i / (NEEDS.length * ways.length)) % QUALIFIERS.length];
  return `${way}${qualifier} #${i + 1}`;
}

export async function post(request, fn, form) {
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

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Loads the board and measures it: HTML bytes, elements, and ms until live. */
export async function measureLoad(page, url) {
  const started = Date.now();
  const response = await page.goto(url);
  const html = (await response.body()).length;
  await page.locator('[data-testid="connection"][data-state="online"]').first().waitFor({ timeout: 60_000 });
  const interactive = Date.now() - started;
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { html, interactive, elements };
}

/**
 * Has `PARTICIPANTS` participants join the workshop with `code` and write `total` notes
 * between them; returns their browser contexts (to write more) and the count written.
 */
export async function fillWorkshop(browser, code, workshopId, total) {
  const writers = [];
  for (let p = 0; p < PARTICIPANTS; p += 1) {
    const context = await browser.newContext({ baseURL: BASE_URL });
    await post(context.request, 'join_workshop', { code, display_name: `Deltagare ${p + 1}`, organisation: ORGANISATIONS[p % ORGANISATIONS.length] });
    writers.push(context);
  }
  let written = 0;
  for (let round = 0; round < total / PARTICIPANTS; round += 1) {
    await Promise.all(writers.map(async (context) => {
      const i = written++;
      await post(context.request, 'add_note', { workshop_id: workshopId, note_id: crypto.randomUUID(), text: noteText(i) });
    }));
  }
  return { writers, written };
}

/** Sectors as agencies name them, long enough that a cut name would show. */
export const SECTORS = ['Hälso- och sjukvård', 'Utbildning och förskola', 'Samhällsbyggnad och miljö', 'Socialtjänst och äldreomsorg'];

/**
 * Makes a round through the API as the facilitator signed in to `context`: `workshops`
 * workshops over `SECTORS` in turn, `total` notes written among them (see `fillWorkshop`),
 * each workshop clustered, then the round. Returns the round's id.
 */
export async function fillRound(browser, context, { workshops, total }) {
  const round = await (await post(context.request, 'create_round', { title: `Omgång ${workshops}×${total / workshops} ${Date.now()}` })).json();
  for (let w = 0; w < workshops; w += 1) {
    const sector = SECTORS[w % SECTORS.length];
    const workshop = await (await post(context.request, 'create_workshop', {
      round_id: round.id, title: `Workshop ${w + 1}: digitala behov i ${sector.toLowerCase()}`,
      sector, held_on: '', prompts: 'Vilka digitala behov har ni?',
    })).json();
    const { writers } = await fillWorkshop(browser, workshop.join_code, workshop.id, total / workshops);
    await Promise.all(writers.map((writer) => writer.close()));
    await post(context.request, 'run_clustering', { workshop_id: workshop.id, granularity: '0.5' });
  }
  await post(context.request, 'cluster_round', { round_id: round.id, granularity: '0.5' });
  return round.id;
}

/**
 * A page as the server sends it to a browser that takes gzip, with the cookies of
 * `context`: `{ encoding, body }`, the body as it came over the wire (not unpacked).
 */
export async function pageAsSent(context, path) {
  const { default: http } = await import('node:http');
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  return new Promise((resolve, reject) => {
    http.get(new URL(path, BASE_URL), { headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
