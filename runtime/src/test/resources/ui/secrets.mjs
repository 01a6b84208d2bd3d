// A task with a secret: every view of it, every dashboard API answer and the raw event stream are written to
// CAPTURE for the Java side to search for the secret's value; the page must show the secret's reference.
import {launch, check, shot, main, captureEvents, BASE} from './lib.mjs';
import {writeFileSync} from 'node:fs';

const TASK = process.env.TASK;          // <cluster>/<id>
const REFERENCE = process.env.REFERENCE;
const TIMEOUT = 60000;

await main(async () => {
  const events = captureEvents();
  const {browser, page} = await launch();
  const captured = [];
  const keep = async () => captured.push(await page.content());
  page.on('response', async response => {
    if (response.url().includes('/ui/api/') && !response.url().includes('/logs') && !response.url().includes('/events')) {
      captured.push(await response.text().catch(() => ''));
    }
  });
  await page.goto(BASE + '/ui/#/tasks');
  await page.locator('#live.on').waitFor({timeout: TIMEOUT});
  await page.locator(`tr[data-task="${TASK.split('/')[1]}"]`).waitFor({timeout: TIMEOUT});
  await keep();
  await page.goto(BASE + '/ui/#/task/' + TASK);
  await page.locator('#task-status [data-status="RUNNING"]').waitFor({timeout: TIMEOUT});
  await page.locator('#log').getByText('secret-task-started').waitFor({timeout: TIMEOUT});
  await keep();
  await page.getByRole('tab', {name: 'Compose files'}).click();
  await page.getByText('docker-compose.ecs-local.effective.yml').waitFor({timeout: TIMEOUT});
  await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
  await keep();
  await shot(page, 'secret-compose');
  await page.getByRole('tab', {name: 'Definition'}).click();
  await page.getByText(REFERENCE).first().waitFor({timeout: TIMEOUT});
  await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
  await keep();
  await page.getByRole('tab', {name: 'Log'}).click();
  await page.locator('#stop-task').click();
  await page.locator('#task-status [data-status="STOPPED"]').waitFor({timeout: TIMEOUT});
  await keep();
  await page.goto(BASE + '/ui/#/task-definitions?show=secretive-ui:1');
  await page.locator('main h2').getByText('secretive-ui:1').waitFor({timeout: TIMEOUT});
  await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
  await keep();
  const logText = await (await fetch(`${BASE}/ui/api/tasks/${TASK}/logs`)).text();
  events.close();
  const eventText = events.text();
  check(eventText.includes('event: tasks') && eventText.includes(TASK.split('/')[1]),
    'the event stream carried the task\'s changes');
  check(captured.some(html => html.includes(REFERENCE)), 'the page shows the secret\'s reference (valueFrom)');
  writeFileSync(process.env.CAPTURE, JSON.stringify({pages: captured, events: eventText, log: logText}));
  await browser.close();
});
