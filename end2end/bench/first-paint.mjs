// Time to first (contentful) paint of the join page in Chromium, median of 5 cold loads
// (each in a fresh browser context, so nothing is cached). Prints one line for
// scripts/bench.sh. KLUSTRA_URL is the server to measure.
import { launch, BASE_URL } from '../tests/helpers.mjs';

const RUNS = 5;
const browser = await launch();
const times = [];
for (let i = 0; i < RUNS; i += 1) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await page.goto('/join', { waitUntil: 'load' });
  const paint = await page.evaluate(() => new Promise((resolve) => {
    const find = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const now = find();
    if (now !== undefined) return resolve(now);
    new PerformanceObserver(() => resolve(find())).observe({ type: 'paint', buffered: true });
  }));
  times.push(paint);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`first contentful paint of /join: median ${times[Math.floor(RUNS / 2)].toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
