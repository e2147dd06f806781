// SPDX-License-Identifier: MIT
// The web page in headless Chromium: drop a sample invoice on the page, click Extract Fields, watch the status
// while the page polls, and see the fields (value, confidence bar, review flag), the summary and the cleaned
// preview appear. Also checks that the page makes no request to any other host and that /docs lists and runs
// the operations. Then, on a server that requires an API key, the review loop: three files uploaded at once
// with their progress, two of them with flagged fields (REVIEW_SAMPLE with its lower part painted white on a
// canvas); in the review view, one document per queue page (?queue_page_size=1), the first page with "1+" and
// Load more, then page by page until every flagged document is shown; the first one's page with the field boxes
// drawn on it (inside the image, at any display size), Tab between fields, a bad value refused next to its field
// (422), an edit made elsewhere meanwhile (412: the page reloads and keeps what was typed), the rest settled with
// Enter, the job `reviewed`; then the next document opens by itself and is settled with Enter alone, through to
// the last one of the queue; both rows, with source `review`, are in the CSV the page downloads. Then three more
// flagged documents in a known order: with the first two shown, settling the second reads the next page by itself
// and opens the third.
// Usage: node browser_test.mjs SERVER_EXE SAMPLE_FILE SCREENSHOT_DIR REVIEW_SAMPLE
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

const [serverExe, samplePath, screenshotDir, reviewSamplePath] = process.argv.slice(2);
if (!serverExe || !samplePath || !screenshotDir || !reviewSamplePath) {
  console.error('usage: node browser_test.mjs SERVER_EXE SAMPLE_FILE SCREENSHOT_DIR REVIEW_SAMPLE');
  process.exit(2);
}
const dataDirs = []; // one job store per server, removed at the end

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
  const dataDir = mkdtempSync(join(tmpdir(), 'docextract-browser-'));
  dataDirs.push(dataDir);
  return new Promise((resolve, reject) => {
    const child = spawn(serverExe, ['--port', '0', '--workers', '1', '--quiet', '--data-dir', dataDir, ...extraArgs], {
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
  email: 'hello@cornercafe.co.uk', currency: 'GBP', subtotal: '15.33', tax: '3.07', due_date: '23/04/2024',
};

/// RFC 4180 rows (quoted cells with commas, doubled quotes, CRLF).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cellText = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cellText += '"'; ++i; } else if (c === '"') quoted = false;
      else cellText += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cellText); cellText = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cellText); rows.push(row); row = []; cellText = ''; ++i; }
    else cellText += c;
  }
  if (cellText !== '' || row.length > 0) { row.push(cellText); rows.push(row); }
  return rows;
}

/// Where each box is drawn, relative to the page image as displayed, and whether it lies inside it.
async function boxLayout(page) {
  return page.evaluate(() => {
    const image = document.getElementById('page-image').getBoundingClientRect();
    return {
      image: { width: image.width, height: image.height },
      natural: document.getElementById('page-image').naturalWidth,
      boxes: Array.from(document.querySelectorAll('#boxes .box'), (box) => {
        const rect = box.getBoundingClientRect();
        return { field: box.dataset.field, left: rect.left - image.left, top: rect.top - image.top,
                 right: rect.right - image.left, bottom: rect.bottom - image.top };
      }),
    };
  });
}

function insideImage(layout) {
  return layout.boxes.every((box) => box.left >= -1 && box.top >= -1 && box.right <= layout.image.width + 1 &&
                                     box.bottom <= layout.image.height + 1);
}

async function pressEnterAndWaitForPatch(page) {
  const patched = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.keyboard.press('Enter');
  return patched;
}

/// In the page: REVIEW_SAMPLE (base64) with its lower part painted white on a canvas, kept as window.cutReceipt
/// (a PNG blob): a document with flagged fields.
async function makeCutReceipt(receipt) {
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([Uint8Array.from(atob(receipt), (c) => c.charCodeAt(0))],
                                           { type: 'image/png' }));
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  context.fillStyle = '#fff';
  const top = Math.floor(canvas.height * 2 / 5);
  context.fillRect(0, top, canvas.width, canvas.height - top);
  window.cutReceipt = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

async function reviewLoop(page, url, key) {
  const counts = { 412: 0, 422: 0 };
  await page.setViewportSize({ width: 1280, height: 900 });
  const healthLoaded = page.waitForResponse((response) => response.url().endsWith('/health'));
  await page.goto(url + '/?queue_page_size=1');
  await healthLoaded;
  check(await page.inputValue('#api-key') === key, 'the API key is kept in the tab');
  // Three files at once: the flagged receipt (made on a canvas) twice and the clean sample.
  await page.evaluate(makeCutReceipt, readFileSync(reviewSamplePath).toString('base64'));
  const transfer = await page.evaluateHandle(async ({ sample, sampleName }) => {
    const data = new DataTransfer();
    data.items.add(new File([window.cutReceipt], 'cut receipt, flagged.png', { type: 'image/png' }));
    data.items.add(new File([window.cutReceipt], 'second cut.png', { type: 'image/png' }));
    data.items.add(new File([Uint8Array.from(atob(sample), (c) => c.charCodeAt(0))], sampleName, { type: 'image/png' }));
    return data;
  }, { sample: readFileSync(samplePath).toString('base64'), sampleName: basename(samplePath) });
  for (const event of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('#dropzone', event, { dataTransfer: transfer });
  }
  check(/^3 files/.test(await page.textContent('#file-name')), 'three files chosen at once');
  await page.getByRole('button', { name: 'Extract Fields' }).click();
  await page.waitForFunction(() => /^(Done|Failed|Upload refused|Could not|Network)/.test(
    document.getElementById('status').textContent), null, { timeout: 240000 });
  const finalStatus = await page.textContent('#status');
  check(/^Done .*: 3 of 3 documents extracted, [23] to review\.$/.test(finalStatus),
        'the three documents done, with the key: ' + finalStatus);
  const uploadRows = await page.$$eval('#uploads li', (items) => items.map((item) => ({
    name: item.querySelector('.name').textContent, job: item.dataset.job,
    progress: item.querySelector('progress').value, state: item.querySelector('.state').textContent })));
  console.log('uploads: ' + JSON.stringify(uploadRows));
  check(uploadRows.length === 3 && uploadRows.every((row) => row.progress === 1 && row.state.startsWith('done')),
        'each upload shows its progress and its end');
  const cut = uploadRows.find((row) => row.name === 'cut receipt, flagged.png');
  check(cut !== undefined && /to review/.test(cut.state), 'the cut receipt has fields to review');
  const jobId = cut.job;
  const second = uploadRows.find((row) => row.name === 'second cut.png');
  check(second !== undefined && /to review/.test(second.state), 'the second cut has fields to review too');

  // Review mode: the queue, one document per page here (?queue_page_size=1), so that it is longer than a page.
  const queueText = () => page.textContent('#queue-status');
  const queueIdle = () => page.waitForFunction(() =>
    !/^Loading/.test(document.getElementById('queue-status').textContent));
  const flaggedUploads = uploadRows.filter((row) => /to review/.test(row.state)).length;
  await page.click('#show-review');
  await page.waitForSelector('#queue button');
  await queueIdle();
  const firstPage = await page.$$eval('#queue button', (buttons) => buttons.map((b) => b.dataset.job));
  check(firstPage.length === 1 && /^1\+ document\(s\) to review\.$/.test(await queueText()) &&
        await page.isVisible('#queue-more'),
        'the first page of the queue: one document, "1+" and Load more: ' + firstPage.length + ', ' + await queueText());
  // Load more reads the next page each time; with all of them shown the count is exact and the button gone.
  for (let shown = 1; shown < 10 && await page.isVisible('#queue-more'); ++shown) {
    await page.click('#queue-more');
    await page.waitForFunction((count) => document.querySelectorAll('#queue button').length === count &&
      !/^Loading/.test(document.getElementById('queue-status').textContent), shown + 1);
  }
  const queued = await page.$$eval('#queue button', (buttons) => buttons.map((b) => b.dataset.job));
  check(queued.length === flaggedUploads && queued[0] === firstPage[0] && !(await page.isVisible('#queue-more')) &&
        await queueText() === flaggedUploads + ' document(s) to review.',
        'Load more showed every flagged document, page by page: ' + queued.length + ' of ' + flaggedUploads + ', ' +
        await queueText());
  check(queued.includes(jobId) && queued.includes(second.job),
        'the queue holds the flagged documents (' + queued.length + ' queued)');
  await page.click('#queue button[data-job="' + jobId + '"]'); // also when open already: Load more took the focus
  await page.waitForFunction((id) => document.querySelector('#queue button[aria-current=true]')?.dataset.job === id,
                             jobId);
  // Opened again when it was open already: wait for this opening's page and boxes, not the last one's.
  await page.waitForFunction((id) => document.getElementById('review-doc').dataset.shown === id &&
    document.querySelectorAll('#boxes .box').length > 0, jobId, { timeout: 60000 });
  let layout = await boxLayout(page);
  console.log('page image ' + JSON.stringify(layout.image) + ' (natural width ' + layout.natural + '), boxes: ' +
              JSON.stringify(layout.boxes));
  check(layout.boxes.length >= 2, 'field boxes are drawn on the page image: ' + layout.boxes.length);
  check(Math.abs(layout.image.width - layout.natural) > 20, 'the page is shown at another size than its pixels (' +
        Math.round(layout.image.width) + ' of ' + layout.natural + '), so the boxes must be scaled');
  check(insideImage(layout), 'every box lies on the displayed image');
  const wide = layout;
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForFunction((width) =>
    Math.abs(document.getElementById('page-image').getBoundingClientRect().width - width) > 20, wide.image.width);
  // The ResizeObserver redraws at the next frame; wait (bounded) until the first box has moved with the image.
  await page.waitForFunction(({ left, width }) => {
    const image = document.getElementById('page-image').getBoundingClientRect();
    const box = document.querySelector('#boxes .box');
    return box && Math.abs(box.getBoundingClientRect().left - image.left - left * image.width / width) <= 2;
  }, { left: wide.boxes[0].left, width: wide.image.width }, { timeout: 10000 }).catch(() => {});
  layout = await boxLayout(page);
  const ratio = layout.image.width / wide.image.width;
  check(insideImage(layout) && layout.boxes.length === wide.boxes.length &&
        layout.boxes.every((box, i) => Math.abs(box.left - wide.boxes[i].left * ratio) <= 2 &&
                                       Math.abs(box.bottom - wide.boxes[i].bottom * ratio) <= 2),
        'the boxes follow the image when it is shown at another size (x' + ratio.toFixed(2) + ')');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(screenshotDir, 'review-page.png'), fullPage: true });

  const flagged = await page.$$eval('#review-form .row.flagged', (rows) => rows.map((row) => row.dataset.field));
  console.log('flagged: ' + JSON.stringify(flagged));
  check(flagged.length >= 1, 'the form marks the flagged fields');
  const labelled = await page.$$eval('#review-form input', (inputs) => inputs.every((input) =>
    input.labels.length === 1 && input.labels[0].textContent.trim() !== ''));
  check(labelled, 'every input of the form has its label');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
  check(focused === flagged[0], 'the first flagged field has the focus: ' + focused);
  const formFields = await page.$$eval('#review-form .row', (rows) => rows.map((row) => row.dataset.field));
  const at = formFields.indexOf(focused);
  if (at >= 0 && at + 1 < formFields.length) {
    await page.keyboard.press('Tab');
    const tabbed = await page.evaluate(() => document.activeElement && document.activeElement.name);
    check(tabbed === formFields[at + 1], 'Tab goes to the next field: ' + tabbed);
    await page.keyboard.press('Shift+Tab');
  }

  // A click on a box goes to its field; a value that does not parse is refused next to it.
  const numeric = wide.boxes.map((box) => box.field).find((field) => ['total', 'date', 'subtotal', 'tax'].includes(field));
  const badField = numeric || 'total';
  if (numeric) {
    await page.click('#boxes .box[data-field="' + badField + '"]', { force: true });
  } else {
    await page.focus('#field-' + badField);
  }
  check(await page.evaluate(() => document.activeElement.name) === badField, 'clicking the ' + badField +
        ' box focuses its field');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('not a value');
  let response = await pressEnterAndWaitForPatch(page);
  counts[response.status()] = (counts[response.status()] || 0) + 1;
  const error = await page.textContent('#review-form .row[data-field="' + badField + '"] .error').catch(() => '');
  check(response.status() === 422 && error.includes(badField) &&
        await page.getAttribute('#field-' + badField, 'aria-invalid') === 'true',
        'a bad ' + badField + ' is a 422 shown next to the field: ' + error);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(receiptTruth[badField]);

  // Someone else confirms another field meanwhile: saving now answers 412; the page reloads, keeps the value.
  const other = formFields.find((field) => field !== badField && !flagged.includes(field)) ||
    formFields.find((field) => field !== badField);
  const elsewhere = await page.evaluate(async ({ id, field, apiKey }) => (await fetch('/result/' + id, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
    body: JSON.stringify({ confirm: [field] }) })).status, { id: jobId, field: other, apiKey: key });
  check(elsewhere === 200, 'another reviewer confirmed ' + other + ': ' + elsewhere);
  response = await pressEnterAndWaitForPatch(page);
  counts[response.status()] = (counts[response.status()] || 0) + 1;
  check(response.status() === 412 && response.request().headers()['if-match'] !== undefined,
        'the page sent If-Match and got 412 for the stale edit: ' + response.status());
  await page.waitForFunction(() => /changed elsewhere/.test(document.getElementById('review-status').textContent));
  check(await page.inputValue('#field-' + badField) === receiptTruth[badField] &&
        await page.evaluate(() => document.activeElement.name) === badField,
        'after the reload the typed ' + badField + ' is kept and focused');
  response = await pressEnterAndWaitForPatch(page);
  check(response.status() === 200, 'saved after the reload: ' + response.status());

  // Keyboard only from here: Enter confirms each flagged field left (Enter moves the focus to the next one).
  for (let step = 0; step < 12; ++step) {
    if (/^Reviewed/.test(await page.textContent('#review-status'))) break;
    const open = await page.evaluate(() => document.querySelector('#queue button[aria-current=true]')?.dataset.job);
    if (open !== jobId) break; // the next document opened by itself
    const name = await page.evaluate(() => document.activeElement && document.activeElement.name);
    if (!name) break;
    response = await pressEnterAndWaitForPatch(page);
    check(response.status() === 200, 'Enter on ' + name + ': PATCH answered ' + response.status());
    await page.waitForFunction((field) => !document.querySelector('#review-form .row.flagged[data-field="' + field +
                                                                 '"]'), name);
  }
  await page.waitForFunction((id) => !document.querySelector('#queue button[data-job="' + id + '"]') &&
    !/^Loading/.test(document.getElementById('queue-status').textContent), jobId);
  check(true, 'the reviewed document left the queue: ' + await page.textContent('#review-status'));
  const job = await page.evaluate(async ({ id, apiKey }) => (await fetch('/result/' + id, {
    headers: { 'X-API-Key': apiKey } })).json(), { id: jobId, apiKey: key });
  check(job.status === 'reviewed', 'the job is reviewed on the server: ' + job.status);
  check(job.result.fields[badField].source === 'review' && job.result.fields[badField].value !== null,
        'the corrected ' + badField + ' has source review: ' + JSON.stringify(job.result.fields[badField]));

  // The next document opened by itself, its first flagged field focused: Enter settles it, keyboard only.
  await page.waitForFunction((id) => document.querySelector('#queue button[aria-current=true]')?.dataset.job === id &&
    document.activeElement && document.activeElement.closest('#review-form'), second.job);
  check(await page.textContent('#review-title') === 'second cut.png', 'the next document opened by itself, ' +
        'focused on ' + await page.evaluate(() => document.activeElement.name));
  for (let step = 0; step < 12; ++step) {
    const open = await page.evaluate(() => document.querySelector('#queue button[aria-current=true]')?.dataset.job);
    if (open !== second.job) break;
    const name = await page.evaluate(() => document.activeElement && document.activeElement.name);
    if (!name) break;
    response = await pressEnterAndWaitForPatch(page);
    check(response.status() === 200, 'Enter on ' + name + ' of the second: PATCH answered ' + response.status());
    await page.waitForFunction((field) => !document.querySelector('#review-form .row.flagged[data-field="' + field +
                                                                 '"]'), name);
  }
  await page.waitForFunction((id) => !document.querySelector('#queue button[data-job="' + id + '"]') &&
    !/^Loading/.test(document.getElementById('queue-status').textContent), second.job);
  const secondJob = await page.evaluate(async ({ id, apiKey }) => (await fetch('/result/' + id, {
    headers: { 'X-API-Key': apiKey } })).json(), { id: second.job, apiKey: key });
  check(secondJob.status === 'reviewed', 'the second is reviewed with Enter alone: ' + secondJob.status);
  if (await page.evaluate(() => document.querySelectorAll('#queue button').length) === 0) {
    check(/Nothing else to review/.test(await page.textContent('#review-status')) &&
          await queueText() === 'Nothing to review.', 'the page says the queue is done');
  }

  // The page's export button downloads the reviewed CSV (with the key); the documents are in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
  const header = csv[0] || [];
  const row = csv.find((cells) => cells[header.indexOf('job_id')] === jobId);
  console.log('CSV header: ' + JSON.stringify(header));
  check(row !== undefined && row[header.indexOf('filename')] === 'cut receipt, flagged.png' &&
        row[header.indexOf(badField + '_source')] === 'review' && row[header.indexOf(badField + '_needs_review')] === 'false',
        'the reviewed document is in the downloaded CSV: ' + JSON.stringify(row));
  const secondRow = csv.find((cells) => cells[header.indexOf('job_id')] === second.job);
  const secondFlagged = Object.keys(secondJob.result.fields).filter((field) =>
    secondJob.result.fields[field].source === 'review');
  check(secondRow !== undefined && secondFlagged.length > 0 &&
        secondFlagged.every((field) => secondRow[header.indexOf(field + '_source')] === 'review'),
        'the second is in the CSV with its confirmed fields from review: ' + secondFlagged.join(', '));

  return counts;
}

/// The queue read on demand, on a server whose queue is empty (and that has learnt no vendor, which could settle
/// the fields): three flagged documents uploaded one after another, so that their order in the queue is known.
async function queueOnDemand(page, url) {
  const queueText = () => page.textContent('#queue-status');
  // A, B and C; with A and B shown (B after Load more) and B settled, the page after B is read by itself and C
  // opens, not A, which was passed over.
  await page.goto(url + '/');
  await page.evaluate(makeCutReceipt, readFileSync(reviewSamplePath).toString('base64'));
  const onDemand = await page.evaluate(async () => {
    const ids = [];
    for (const name of ['on demand A.png', 'on demand B.png', 'on demand C.png']) {
      const form = new FormData();
      form.append('file', new File([window.cutReceipt], name, { type: 'image/png' }));
      const response = await fetch('/extract', { method: 'POST', body: form });
      ids.push((await response.json()).job_id);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct upload times
    }
    const states = [];
    for (const id of ids) {
      let status = 'queued';
      for (let poll = 0; poll < 600 && (status === 'queued' || status === 'processing'); ++poll) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = (await (await fetch('/result/' + id, { cache: 'no-store' })).json()).status;
      }
      states.push(status);
    }
    return { ids, states };
  });
  const [docA, docB, docC] = onDemand.ids;
  check(onDemand.states.every((state) => state === 'done'), 'three more documents done: ' + onDemand.states);
  await page.goto(url + '/?queue_page_size=1#review');
  await page.waitForFunction((id) => document.querySelector('#queue button[aria-current=true]')?.dataset.job === id &&
    !/^Loading/.test(document.getElementById('queue-status').textContent), docA);
  check(/^1\+ /.test(await queueText()), 'A alone on the first page, A open: ' + await queueText());
  await page.click('#queue-more');
  await page.waitForFunction(() => document.querySelectorAll('#queue button').length === 2 &&
    !/^Loading/.test(document.getElementById('queue-status').textContent));
  check(/^2\+ /.test(await queueText()), 'Load more: A and B shown, C still waiting: ' + await queueText());
  await page.click('#queue button[data-job="' + docB + '"]');
  await page.waitForFunction((id) => document.querySelector('#queue button[aria-current=true]')?.dataset.job === id &&
    document.activeElement && document.activeElement.closest('#review-form'), docB);
  for (let step = 0; step < 12; ++step) {
    const open = await page.evaluate(() => document.querySelector('#queue button[aria-current=true]')?.dataset.job);
    if (open !== docB) break;
    const name = await page.evaluate(() => document.activeElement && document.activeElement.name);
    if (!name) break;
    const response = await pressEnterAndWaitForPatch(page);
    check(response.status() === 200, 'Enter on ' + name + ' of B: PATCH answered ' + response.status());
    await page.waitForFunction(({ id, field }) =>
      document.querySelector('#queue button[aria-current=true]')?.dataset.job !== id ||
      !document.querySelector('#review-form .row.flagged[data-field="' + field + '"]'), { id: docB, field: name });
  }
  await page.waitForFunction((id) => {
    const open = document.querySelector('#queue button[aria-current=true]')?.dataset.job;
    return open && open !== id && !/^Loading/.test(document.getElementById('queue-status').textContent);
  }, docB);
  const opened = await page.evaluate(() => document.querySelector('#queue button[aria-current=true]').dataset.job);
  const afterB = await page.$$eval('#queue button', (buttons) => buttons.map((b) => b.dataset.job));
  check(opened === docC && afterB.length === 2 && afterB[0] === docA && afterB[1] === docC &&
        await queueText() === '2 document(s) to review.',
        'B settled: the next page was read by itself and C opened (' + (opened === docA ? 'A' : opened === docC ? 'C'
          : opened) + '), A kept: ' + await queueText());
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
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  const healthLoaded = page.waitForResponse((response) => response.url().endsWith('/health'));
  await page.goto(url + '/');
  await healthLoaded;
  await page.evaluate(() => window.docextractApi.health); // the page has read /health
  // On the upload page itself (it was checked on /docs, which has no key field, so it could not fail).
  check(!(await page.isVisible('#key-row')), 'no API key field when the server needs none');
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
  // The second and third polls get 503, as during a Redis outage: the page must retry, not give up; after the
  // first, which says Retry-After: 2, it waits 2 s (its own backoff would say 1 s), after the second, which says
  // nothing, it falls back to its backoff (1.4 s, shown as 1 s).
  let polls = 0;
  let refusedPolls = 0;
  await page.route('**/result/*', async (route) => {
    polls += 1;
    if (polls >= 2 && refusedPolls < 2) {
      refusedPolls += 1;
      await route.fulfill({ status: 503, contentType: 'application/json',
                            headers: refusedPolls === 1 ? { 'Retry-After': '2' } : {},
                            body: '{"error":"the job queue is unavailable; retry later"}' });
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
  const retries = statusLog.filter((text) => /^Service unavailable, retrying/.test(text));
  check(refusedPolls === 2 && JSON.stringify(retries) ===
        JSON.stringify(['Service unavailable, retrying in 2 s…', 'Service unavailable, retrying in 1 s…']),
        'after each 503 while polling the page retried, after Retry-After when there was one, else after its ' +
        'backoff (' + refusedPolls + ' refused polls): ' + JSON.stringify(retries));
  // Retry-After is kept within 1-30 s; a value that is no delay leaves the page's own backoff.
  const delays = await page.evaluate(() => {
    const answer = (value) => new Response('', { status: 503, headers: value === null ? {} : { 'Retry-After': value } });
    return ['5', '0', '3600', 'soon', null, 'Wed, 21 Oct 2015 07:28:00 GMT', ' 7 '].map(
      (value) => window.docextractApi.retryDelayMs(answer(value), 700));
  });
  check(JSON.stringify(delays) === JSON.stringify([5000, 1000, 30000, 700, 700, 1000, 7000]),
        'Retry-After 5, 0, 3600, "soon", none, a past date, " 7 " wait (ms): ' + JSON.stringify(delays));
  check(await page.evaluate(() => window.docextractApi.retryDelayMs(null, 1400)) === 1400,
        'after a network failure (no answer) the backoff is kept');

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
  await page.screenshot({ path: join(screenshotDir, 'web-page.png'), fullPage: true });

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
  await page.screenshot({ path: join(screenshotDir, 'docs-page.png'), fullPage: true });

  // A server with --api-key-file: the page asks for the key and sends it with the upload and every poll.
  const keyFile = join(screenshotDir, 'api-keys');
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
  await page.waitForFunction(() => {
    const image = document.getElementById('preview');
    return !image.hidden && image.complete && image.naturalWidth > 0;
  }, null, { timeout: 120000 });
  check(true, 'with the key the cleaned page image is shown');

  const provoked = await reviewLoop(page, keyed.url, 'browser-test-key');
  await queueOnDemand(page, url);

  const foreign = requested.filter((target) => !target.startsWith(url + '/') && !target.startsWith(keyed.url + '/') &&
                                               !target.startsWith('blob:') && !target.startsWith('data:'));
  check(foreign.length === 0, 'no request left the servers (' + requested.length + ' requests): ' +
        JSON.stringify(foreign));
  // The browser logs each refused poll of the outage above, the wrong key's refused upload (401) and the
  // review's provoked 422 and 412; nothing else may be logged.
  const unexpected = consoleErrors.filter((text) => !/status of (503|401|412|422)/.test(text));
  const seen = (code) => consoleErrors.filter((text) => text.includes('status of ' + code)).length;
  check(unexpected.length === 0 && seen(503) === refusedPolls && seen(401) === 1 && seen(412) === provoked[412] &&
        seen(422) === provoked[422],
        'no errors in the page console but the refused polls, the wrong key and the provoked 412 and 422: ' +
        JSON.stringify(consoleErrors));
} catch (error) {
  failures.push(String(error && error.stack ? error.stack : error));
  console.log('FAIL ' + error);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  if (keyed) keyed.child.kill('SIGTERM');
  await Promise.all([server, keyed && keyed.child].filter(Boolean).map((child) =>
    child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.log(failures.length + ' check(s) failed');
  process.exit(1);
}
console.log('browser test passed');
