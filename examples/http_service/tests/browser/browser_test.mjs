// SPDX-License-Identifier: MIT
// The web page in headless Chromium: drop a sample invoice on the page, click Extract Fields, watch the status
// while the page polls, and see the fields (value, confidence bar, review flag), the summary and the cleaned
// preview appear. Also checks that the page makes no request to any other host and that /docs lists and runs
// the operations. Usage: node browser_test.mjs SERVER_EXE SAMPLE_FILE [SCREENSHOT_DIR]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

const [serverExe, samplePath, screenshotDir] = process.argv.slice(2);
if (!serverExe || !samplePath) {
  console.error('usage: node browser_test.mjs SERVER_EXE SAMPLE_FILE [SCREENSHOT_DIR]');
  process.exit(2);
}

const failures = [];
function check(condition, message) {
  if (condition) {
    console.log('ok   ' + message);
  } else {
    console.log('FAIL ' + message);
    failures.push(message);
  }
}

function startServer(extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(serverExe, ['--port', '0', '--workers', '1', '--quiet', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + output)), 120000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error('server exited with ' + code)));
  });
}

const { child: server, url } = await startServer();
let browser;
let keyed = null;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage();
  const foreign = [];
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(url + '/') && !target.startsWith('blob:') && !target.startsWith('data:')) {
      foreign.push(target);
    }
  });
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  const healthLoaded = page.waitForResponse((response) => response.url().endsWith('/health'));
  await page.goto(url + '/');
  await healthLoaded;
  const button = page.getByRole('button', { name: 'Extract Fields' });
  check(await button.isDisabled(), 'Extract Fields waits for a file');

  // A file over the server's limit (20 MB) is refused on the page, before anything is sent.
  const tooLarge = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(21 * 1024 * 1024)], 'huge.pdf', { type: 'application/pdf' }));
    return transfer;
  });
  for (const event of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('#dropzone', event, { dataTransfer: tooLarge });
  }
  check(/too large/.test(await page.textContent('#status')) && await button.isDisabled(),
        'a file over the limit is refused before upload: ' + await page.textContent('#status'));

  // Record every status text the page shows while it works.
  await page.evaluate(() => {
    window.statusLog = [];
    const status = document.getElementById('status');
    new MutationObserver(() => window.statusLog.push(status.textContent))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });

  // Drop the sample file on the drop zone, as a user dragging it from the desktop would.
  const name = basename(samplePath);
  const type = name.endsWith('.pdf') ? 'application/pdf' : name.endsWith('.jpg') ? 'image/jpeg' : 'image/png';
  const dataTransfer = await page.evaluateHandle(({ base64, fileName, fileType }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], fileName, { type: fileType }));
    return transfer;
  }, { base64: readFileSync(samplePath).toString('base64'), fileName: name, fileType: type });
  for (const event of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('#dropzone', event, { dataTransfer });
  }
  check((await page.textContent('#file-name')).includes(name), 'the dropped file is shown: ' + name);

  check(!(await button.isDisabled()), 'Extract Fields is enabled for the dropped file');
  // The second and third polls get 503, as during a Redis outage: the page must retry with backoff, not give up.
  let polls = 0;
  let refusedPolls = 0;
  await page.route('**/result/*', async (route) => {
    polls += 1;
    if (polls >= 2 && refusedPolls < 2) {
      refusedPolls += 1;
      await route.fulfill({ status: 503, contentType: 'application/json',
                            body: '{"error":"job queue unavailable: test"}' });
      return;
    }
    await route.continue();
  });
  await button.click();
  await page.waitForFunction(() => /^(Done|Failed|Upload refused|Could not|Network)/.test(
    document.getElementById('status').textContent), null, { timeout: 240000 });
  const finalStatus = await page.textContent('#status');
  const statusLog = await page.evaluate(() => window.statusLog);
  console.log('status texts seen: ' + JSON.stringify([...new Set(statusLog)]));
  check(finalStatus.startsWith('Done'), 'the job finished: ' + finalStatus);
  check(statusLog.some((text) => /Queued|Processing/.test(text)), 'the status was shown while polling');
  check(refusedPolls === 2 && statusLog.some((text) => /^Service unavailable, retrying/.test(text)),
        'after a 503 while polling the page retried (' + refusedPolls + ' refused polls)');

  const rows = await page.$$eval('#fields tbody tr', (trs) => trs.map((tr) => ({
    field: tr.dataset.field,
    value: tr.querySelector('td.value').textContent,
    found: !tr.querySelector('td.value').classList.contains('missing'),
    meter: tr.querySelector('.bar[role=meter]')?.getAttribute('aria-valuenow'),
    barWidth: tr.querySelector('.bar .fill')?.style.width,
    review: tr.querySelector('td.review .flag')?.textContent,
  })));
  console.log('fields shown: ' + JSON.stringify(rows));
  for (const core of ['vendor', 'invoice_number', 'date', 'total', 'email']) {
    check(rows.some((row) => row.field === core), 'a row for ' + core);
  }
  check(rows.filter((row) => row.found && row.value.trim() !== '').length >= 3, 'at least three fields have values');
  check(rows.every((row) => row.meter !== undefined && row.barWidth === row.meter + '%'),
        'every field has a confidence bar matching its value');
  check(rows.every((row) => row.review === '⚑ review' || row.review === '✓ ok'), 'every field has a review flag');
  const summaryText = await page.textContent('#summary');
  const counted = /^(\d+) of (\d+) fields extracted confidently/.exec(summaryText);
  const sureRows = rows.filter((row) => row.found && row.review === '✓ ok').length;
  check(counted !== null && Number(counted[2]) === rows.length && Number(counted[1]) === sureRows,
        'the summary counts the ' + rows.length + ' fields shown (' + sureRows + ' sure): ' + summaryText);

  await page.waitForFunction(() => {
    const image = document.getElementById('preview');
    return !image.hidden && image.complete && image.naturalWidth > 0;
  }, null, { timeout: 120000 });
  check(true, 'the cleaned preview image is shown');
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, 'web-page.png'), fullPage: true });

  // The API docs page: every operation listed, and "Try it" works.
  await page.goto(url + '/docs');
  await page.waitForSelector('#operations details.operation');
  const operations = await page.$$eval('#operations details.operation summary',
                                       (list) => list.map((s) => s.textContent));
  check(operations.length >= 7, 'the docs list the operations: ' + operations.length);
  const health = page.locator('details#health');
  await health.locator('summary').click();
  await health.getByRole('button', { name: 'Send request' }).click();
  await health.locator('.response-view pre').first().waitFor();
  check((await health.locator('.response-view').textContent()).includes('HTTP 200'), 'Try it on /health answers 200');
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, 'docs-page.png'), fullPage: true });

  check(!(await page.isVisible('#key-row')), 'no API key field when the server needs none');

  // A server with --api-key-file: the page asks for the key and sends it with the upload and every poll.
  const keyFile = join(screenshotDir || '.', 'api-keys');
  writeFileSync(keyFile, '# test key\nbrowser-test-key\n');
  keyed = await startServer(['--api-key-file', keyFile]);
  const keyedHealth = page.waitForResponse((response) => response.url().endsWith('/health'));
  await page.goto(keyed.url + '/');
  await keyedHealth;
  await page.waitForSelector('#key-row:not([hidden])');
  check(true, 'the page asks for an API key when the server requires one');
  await page.setInputFiles('#file', samplePath);
  await page.fill('#api-key', 'wrong-key');
  await button.click();
  await page.waitForFunction(() => /^Upload refused/.test(document.getElementById('status').textContent));
  check(/API key/.test(await page.textContent('#status')), 'a wrong key is refused: ' + await page.textContent('#status'));
  await page.fill('#api-key', 'browser-test-key');
  await button.click();
  await page.waitForFunction(() => /^(Done|Failed|Upload refused|Could not|Network)/.test(
    document.getElementById('status').textContent), null, { timeout: 240000 });
  check((await page.textContent('#status')).startsWith('Done'), 'with the key the job is followed to its result: ' +
        await page.textContent('#status'));

  check(foreign.every((target) => target.startsWith(keyed.url + '/')) || foreign.length === 0,
        'no request left the servers: ' + JSON.stringify(foreign));
  // The browser logs each refused poll of the outage above; nothing else may be logged.
  // The wrong key's refused upload and preview (401) are logged too.
  const unexpected = consoleErrors.filter((text) => !/status of (503|401)/.test(text));
  const refusedSeen = consoleErrors.filter((text) => /status of 503/.test(text)).length;
  check(unexpected.length === 0 && refusedSeen === refusedPolls,
        'no errors in the page console but the refused polls: ' + JSON.stringify(consoleErrors));
} catch (error) {
  failures.push(String(error && error.stack ? error.stack : error));
  console.log('FAIL ' + error);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  if (keyed) keyed.child.kill('SIGTERM');
}
if (failures.length > 0) {
  console.log(failures.length + ' check(s) failed');
  process.exit(1);
}
console.log('browser test passed');
