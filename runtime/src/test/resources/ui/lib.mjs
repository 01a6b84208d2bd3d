// Shared by the dashboard's browser scenarios: Chromium as the issue asks, the AWS CLI, bounded waits.
import {chromium} from 'playwright-core';
import {execFileSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import http from 'node:http';

export const BASE = process.env.BASE;              // http://127.0.0.1:<port>
export const ARTEFACTS = process.env.ARTEFACTS;

export async function launch() {
  // a fresh profile folder per run (Playwright passes it as --user-data-dir)
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ui-chromium-')), {
    executablePath: process.env.CHROMIUM,
    headless: true,
    viewport: {width: 1360, height: 900},
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-sync', '--disable-component-update'],
  });
  const browser = context;
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', e => { console.log('PAGE ERROR: ' + e.message); pageErrors.push(e.message); });
  return {browser, context, page};
}

export const pageErrors = [];

export function aws(...args) {
  const out = execFileSync('aws', ['ecs', ...args, '--endpoint-url', BASE, '--output', 'json'],
    {encoding: 'utf8', timeout: 60000});
  return out.trim() ? JSON.parse(out) : {};
}

export function check(condition, message) {
  if (!condition) throw new Error('FAILED: ' + message);
  console.log('ok - ' + message);
}

export async function shot(page, name) {
  await page.screenshot({path: join(ARTEFACTS, name + '.png'), fullPage: true});
}

/** Collects the dashboard's event stream for as long as it is open (the raw text, as a browser gets it). */
export function captureEvents() {
  const chunks = [];
  const request = http.get(BASE + '/ui/api/events', response => response.on('data', chunk => chunks.push(chunk.toString())));
  request.on('error', () => {});
  return {text: () => chunks.join(''), close: () => request.destroy()};
}

export async function main(scenario) {
  try {
    await scenario();
    if (pageErrors.length) throw new Error('FAILED: the page threw: ' + pageErrors.join('; '));
    console.log('PASSED');
    process.exit(0);
  } catch (e) {
    console.log(e.stack || String(e));
    process.exit(1);
  }
}
