// Regenerates docs/screenshot.png from a running Klustra with its demo data:
//   KLUSTRA_URL=http://127.0.0.1:3000 node end2end/screenshot.mjs
import { launch, openPage, waitForHydration } from './tests/helpers.mjs';

const browser = await launch();
const page = await openPage(browser, '/');
await page.setViewportSize({ width: 1200, height: 900 });
await page.getByRole('link', { name: /demo/ }).click();
await page.getByRole('link', { name: 'Vård och omsorg' }).click();
await page.getByTestId('join-code').waitFor();
await waitForHydration(page);
await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname, fullPage: false });
await browser.close();
