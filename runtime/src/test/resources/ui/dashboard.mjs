// The dashboard seen by a user: a task run with the AWS CLI appears and turns RUNNING without reload, its log
// shows what the container printed, it stops from the page; a service's deployment is shown and changed from
// the page; a cross-origin POST from another origin's page is refused.
import {launch, aws, check, shot, main, BASE} from './lib.mjs';

const LINE = process.env.LINE;
const TIMEOUT = 60000;

await main(async () => {
  const {browser, context, page} = await launch();
  await page.goto(BASE + '/ui/#/tasks');
  await page.locator('#live.on').waitFor({timeout: TIMEOUT});
  await page.locator('#tasks').waitFor({timeout: TIMEOUT});
  check(true, 'the tasks view is shown');

  // more tabs than a browser's connections per host: they share one event stream
  const tabs = [];
  for (let i = 0; i < 9; i++) {
    const tab = await context.newPage();
    await tab.goto(BASE + '/ui/#/tasks');
    await tab.locator('#live.on').waitFor({timeout: TIMEOUT});
    tabs.push(tab);
  }
  check(true, '10 tabs are live at once');

  const taskArn = aws('run-task', '--task-definition', 'ui-hello').tasks[0].taskArn;
  const id = taskArn.split('/').pop();
  const row = page.locator(`tr[data-task="${id}"]`);
  await row.waitFor({timeout: TIMEOUT});
  check(true, 'the task run with the AWS CLI appears without reload');
  for (const tab of tabs) {
    await tab.locator(`tr[data-task="${id}"]`).waitFor({timeout: TIMEOUT});
    await tab.close();
  }
  check(true, 'every open tab shows it too');
  await row.locator('.task-status [data-status="RUNNING"]').waitFor({timeout: TIMEOUT});
  check(true, 'its row turns RUNNING without reload');
  await shot(page, 'tasks');

  await row.locator('a').first().click();
  await page.locator('#log').getByText(LINE).waitFor({timeout: TIMEOUT});
  check(true, 'the task\'s log shows the line the container printed');
  check(await page.locator('#containers [data-container="app"] [data-status="RUNNING"]').count() === 1,
    'the container table shows the container RUNNING');
  await shot(page, 'task');
  await page.getByRole('tab', {name: 'Compose files'}).click();
  await page.getByText('docker-compose.ecs-local.effective.yml').waitFor({timeout: TIMEOUT});
  check(true, 'the compose files are listed, the effective file among them');
  await shot(page, 'compose');
  await page.getByRole('tab', {name: 'Log'}).click();

  await page.locator('#stop-task').click();
  await page.locator('#task-status [data-status="STOPPED"]').waitFor({timeout: TIMEOUT});
  check(true, 'the task stopped from the page is shown STOPPED');
  const stopped = aws('describe-tasks', '--tasks', taskArn).tasks[0];
  check(stopped.lastStatus === 'STOPPED' && stopped.stopCode === 'UserInitiated',
    'ECS says the task is STOPPED by the user (' + stopped.stopCode + ')');
  await page.locator('#log').getByText('end of output').waitFor({timeout: TIMEOUT});
  check(true, 'the log ends once the task stopped');

  // a service: its deployment with rolloutState and counts, then changed from the page
  aws('create-service', '--service-name', 'ui-web', '--task-definition', 'ui-hello', '--desired-count', '1');
  await page.goto(BASE + '/ui/#/services');
  const service = page.locator('[data-service="ui-web"]');
  await service.waitFor({timeout: TIMEOUT});
  const deployments = service.locator('table.deployments tbody tr');
  await service.locator('table.deployments [data-status="COMPLETED"]').waitFor({timeout: TIMEOUT});
  check(await deployments.count() === 1, 'the service\'s deployment is shown, rollout COMPLETED');
  const first = await deployments.first().locator('td').first().textContent();
  await service.getByLabel('Desired count of ui-web').fill('2');
  await service.getByRole('button', {name: 'Set'}).click();
  await page.waitForFunction(() => {
    const stats = document.querySelectorAll('[data-service="ui-web"] .counts .stat');
    return stats.length >= 2 && stats[0].textContent === '2' && stats[1].textContent === '2';
  }, null, {timeout: TIMEOUT});
  check(true, 'desired count set from the page: 2 desired, 2 running, shown live');
  await service.getByRole('button', {name: 'Force new deployment'}).click();
  let sawRolling = false;
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const rows = await deployments.count();
    const primary = await service.locator('table.deployments tbody tr').first().locator('td').first().textContent();
    const inProgress = await service.locator('table.deployments [data-status="IN_PROGRESS"]').count();
    if (rows > 1 || inProgress > 0) sawRolling = true;
    if (primary !== first && (rows > 1 || inProgress > 0)) break;
    if (Date.now() > deadline) throw new Error('FAILED: the forced deployment never showed (rows ' + rows + ')');
    await page.waitForTimeout(100);
  }
  check(sawRolling, 'the forced new deployment is shown rolling (a new PRIMARY, IN_PROGRESS or beside the old one)');
  await shot(page, 'services');
  await service.locator('table.deployments tbody tr').first().locator('[data-status="COMPLETED"]').waitFor({timeout: TIMEOUT});
  check(true, 'the new deployment completes');

  // cross-origin: a page of another origin (localhost vs 127.0.0.1) posts to the stop action
  const victim = aws('run-task', '--task-definition', 'ui-hello').tasks[0];
  const victimId = victim.taskArn.split('/').pop();
  const other = await context.newPage();
  const port = new URL(BASE).port;
  await other.goto(`http://localhost:${port}/ui/`);
  const status = await other.evaluate(async url => {
    try {
      await fetch(url, {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '{}'});
      return 'sent';
    } catch (e) {
      return 'blocked: ' + e.message;
    }
  }, `${BASE}/ui/api/tasks/default/${victimId}/stop`);
  console.log('cross-origin fetch: ' + status);
  await other.waitForTimeout(1500);
  const after = aws('describe-tasks', '--tasks', victim.taskArn).tasks[0];
  check(after.desiredStatus === 'RUNNING', 'a cross-origin POST from another origin\'s page stopped nothing');
  aws('stop-task', '--task', victim.taskArn);

  await page.goto(BASE + '/ui/#/clusters');
  await page.locator('main h1').getByText('Clusters').waitFor({timeout: TIMEOUT});
  await page.waitForTimeout(500);
  await shot(page, 'clusters');
  await page.goto(BASE + '/ui/#/task-definitions?show=ui-hello:1');
  await page.locator('main h2').getByText('ui-hello:1').waitFor({timeout: TIMEOUT});
  await shot(page, 'task-definitions');
  await page.goto(BASE + '/ui/#/plugins');
  await page.locator('#plugins').waitFor({timeout: TIMEOUT});
  await shot(page, 'plugins');

  // keyboard: the number keys switch views, links are reachable with Tab
  await page.keyboard.press('3');
  await page.locator('#tasks').waitFor({timeout: TIMEOUT});
  check(page.url().endsWith('#/tasks'), 'the "3" key opens the tasks view');
  await browser.close();
});
