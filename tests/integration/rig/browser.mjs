// Headless Debian Chromium through playwright-core (test-rig.md §3), with fake camera/microphone.
import { chromium } from 'playwright-core';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.JG_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: chromiumArgs });
}

// A page in its own context (its own storage), with console errors forwarded to the test log.
export async function newPage(browser, url, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', msg => { if (msg.type() === 'error') console.log(`[${name}] console: ${msg.text()}`); });
  page.on('pageerror', err => console.log(`[${name}] page error: ${err.message}`));
  await page.goto(url);
  return page;
}
