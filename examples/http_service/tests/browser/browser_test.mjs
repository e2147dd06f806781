// SPDX-License-Identifier: MIT
// The web page in headless Chromium: drop a sample invoice on the page, click Extract Fields, watch the status
// while the page polls, and see the fields (value, confidence bar, review flag), the summary and the cleaned
// preview appear. Also checks that the page makes no request to any other host and that /docs lists and runs
// the operations. Then the review loop: two files uploaded at once with their progress, one of them with flagged
// fields (REVIEW_SAMPLE with its lower part painted white on a canvas), corrected on the review page with the
// keyboard, reviewed, and in the CSV export.
// Usage: node browser_test.mjs SERVER_EXE SAMPLE_FILE [SCREENSHOT_DIR [REVIEW_SAMPLE]]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

const [serverExe, samplePath, screenshotDir, reviewSamplePath] = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), 'docextract-browser-'));
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

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(serverExe, ['--port', '0', '--workers', '1', '--quiet', '--data-dir', dataDir], {
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

// What a person would type for receipt_small.png.
const receiptTruth = {
  vendor: 'CORNER CAFE', invoice_number: '20417', date: '23/04/2024', total: '18.40',
  email: 'hello@cornercafe.co.uk', currency: 'GBP',
};

async function reviewLoop(page, url) {
  const healthLoaded = page.waitForResponse((response) => response.url().endsWith('/health'));
  await page.goto(url + '/');
  await healthLoaded;
  // Two files at once: the flagged receipt (made on a canvas) and the clean sample.
  const transfer = await page.evaluateHandle(async ({ receipt, sample, sampleName }) => {
    const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const image = new Image();
    image.src = URL.createObjectURL(new Blob([bytes(receipt)], { type: 'image/png' }));
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    context.fillStyle = '#fff';
    const top = Math.floor(canvas.height * 2 / 5);
    context.fillRect(0, top, canvas.width, canvas.height - top);
    const cut = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([cut], 'cut receipt, flagged.png', { type: 'image/png' }));
    data.items.add(new File([bytes(sample)], sampleName, { type: 'image/png' }));
    return data;
  }, { receipt: readFileSync(reviewSamplePath).toString('base64'), sample: readFileSync(samplePath).toString('base64'),
       sampleName: basename(samplePath) });
  for (const event of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('#dropzone', event, { dataTransfer: transfer });
  }
  check(/2 files/.test(await page.textContent('#file-name')), 'two files chosen at once');
  await page.getByRole('button', { name: 'Extract Fields' }).click();
  await page.waitForFunction(() => /^(Done|Failed|Upload refused|Could not|Network)/.test(
    document.getElementById('status').textContent), null, { timeout: 240000 });
  const finalStatus = await page.textContent('#status');
  check(/^Done .*2 of 2 documents extracted, 1 to review/.test(finalStatus), 'both documents done: ' + finalStatus);
  const uploadRows = await page.$$eval('#uploads li', (items) => items.map((item) => ({
    progress: item.querySelector('progress').value, state: item.querySelector('.state').textContent })));
  console.log('uploads: ' + JSON.stringify(uploadRows));
  check(uploadRows.length === 2 && uploadRows.every((row) => row.progress === 1 && row.state.startsWith('done')),
        'each upload shows its progress and its end');

  // Review mode: the flagged document opens with its page and the field boxes drawn on it.
  await page.click('#show-review');
  await page.waitForSelector('#queue button');
  const queued = await page.$$eval('#queue button', (buttons) => buttons.map((b) => b.dataset.job));
  check(queued.length === 1, 'the queue holds the one flagged document');
  await page.waitForFunction(() => document.querySelectorAll('#boxes .box').length > 0, null, { timeout: 60000 });
  const boxCount = await page.$$eval('#boxes .box', (list) => list.length);
  check(boxCount >= 2, 'field boxes are drawn on the page image: ' + boxCount);
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, 'review-page.png'), fullPage: true });

  // Keyboard only: the first flagged field gets its true value, the others are confirmed with Enter.
  let corrected = null;
  for (let step = 0; step < 12; ++step) {
    if (/^Reviewed/.test(await page.textContent('#review-status'))) break;
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
    if (!focused) break;
    if (corrected === null) {
      corrected = focused;
      await page.keyboard.press('Control+A');
      await page.keyboard.type(receiptTruth[focused] || 'X');
    }
    const patched = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.keyboard.press('Enter');
    const response = await patched;
    check(response.status() === 200, 'PATCH of ' + focused + ' answered ' + response.status());
    await page.waitForTimeout(100);
  }
  check(/^Reviewed/.test(await page.textContent('#review-status')), 'the document is reviewed: ' +
        await page.textContent('#review-status'));
  const job = await page.evaluate(async (id) => (await (await fetch('/result/' + id)).json()), queued[0]);
  check(job.status === 'reviewed', 'the job is reviewed on the server');
  check(job.result.fields[corrected].source === 'review', 'the corrected field has source review: ' + corrected);
  const csv = await page.evaluate(async () => (await fetch('/export?format=csv&status=reviewed')).text());
  const line = csv.split('\r\n').find((row) => row.includes(queued[0]));
  check(line !== undefined && line.startsWith('"cut receipt, flagged.png",') && line.includes(',review,'),
        'the reviewed document is in the CSV export: ' + line);
}

const { child: server, url } = await startServer();
let browser;
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
  await button.click();
  await page.waitForFunction(() => /^(Done|Failed|Upload refused|Could not|Network)/.test(
    document.getElementById('status').textContent), null, { timeout: 240000 });
  const finalStatus = await page.textContent('#status');
  const statusLog = await page.evaluate(() => window.statusLog);
  console.log('status texts seen: ' + JSON.stringify([...new Set(statusLog)]));
  check(finalStatus.startsWith('Done'), 'the job finished: ' + finalStatus);
  check(statusLog.some((text) => /Queued|Processing/.test(text)), 'the status was shown while polling');

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
  check(/fields extracted confidently/.test(await page.textContent('#summary')), 'the summary is shown');

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

  if (reviewSamplePath) await reviewLoop(page, url);

  check(foreign.length === 0, 'no request left the server: ' + JSON.stringify(foreign));
  check(consoleErrors.length === 0, 'no errors in the page console: ' + JSON.stringify(consoleErrors));
} catch (error) {
  failures.push(String(error && error.stack ? error.stack : error));
  console.log('FAIL ' + error);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.log(failures.length + ' check(s) failed');
  process.exit(1);
}
console.log('browser test passed');
