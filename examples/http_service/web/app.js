// SPDX-License-Identifier: MIT
// The docextract web page: pick or drop a document, upload it to /extract, poll /result/{id} until the job is
// done, show the fields; meanwhile fetch the cleaned preview from /preview. Talks only to this server.
'use strict';

(function () {
  const POLL_MS = 700;
  const MAX_RETRY_MS = 10000;
  const GIVE_UP_MS = 10 * 60 * 1000;

  const dropzone = document.getElementById('dropzone');
  const input = document.getElementById('file');
  const fileName = document.getElementById('file-name');
  const button = document.getElementById('extract');
  const status = document.getElementById('status');
  const results = document.getElementById('results');
  const tbody = document.querySelector('#fields tbody');
  const summary = document.getElementById('summary');
  const raw = document.getElementById('raw');
  const previewCard = document.getElementById('preview-card');
  const previewImage = document.getElementById('preview');
  const previewStatus = document.getElementById('preview-status');

  let selected = null;
  let previewUrl = null;
  let run = 0; // increases with each click, so a stale poll loop stops
  const keyRow = document.getElementById('key-row');
  const keyInput = document.getElementById('api-key');
  const KEY_STORE = 'docextract-api-key';
  keyInput.value = sessionStorage.getItem(KEY_STORE) || '';
  keyInput.addEventListener('change', () => sessionStorage.setItem(KEY_STORE, keyInput.value.trim()));
  // The key, when the server asks for one (--api-key-file), goes with every API request.
  function authHeaders() {
    const key = keyInput.value.trim();
    return key ? { 'X-API-Key': key } : {};
  }
  let maxUploadBytes = null; // from /health: a file over the limit is refused here, before it is sent

  fetch('/health', { cache: 'no-store' })
    .then((response) => response.json())
    .then((health) => {
      if (Number.isFinite(health.max_upload_bytes)) maxUploadBytes = health.max_upload_bytes;
      if (health.api_key_required === true) keyRow.hidden = false;
    })
    .catch(() => { /* the server still enforces the limit */ });

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function describeSize(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
    if (bytes >= 1024) return Math.round(bytes / 1024) + ' KB';
    return bytes + ' bytes';
  }

  function choose(file) {
    if (!file) return;
    fileName.textContent = file.name + ' (' + describeSize(file.size) + ')';
    if (maxUploadBytes !== null && file.size > maxUploadBytes) {
      selected = null;
      button.disabled = true;
      setStatus('This file is too large: the limit is ' + describeSize(maxUploadBytes) + '.', 'error');
      return;
    }
    selected = file;
    button.disabled = false;
    setStatus('Ready: click Extract Fields.', '');
  }

  // Drag and drop, click or keyboard to choose.
  dropzone.addEventListener('click', () => input.click());
  dropzone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.click();
    }
  });
  input.addEventListener('change', () => choose(input.files[0]));
  ['dragenter', 'dragover'].forEach((type) =>
    dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      dropzone.classList.add('over');
    }));
  ['dragleave', 'dragend'].forEach((type) =>
    dropzone.addEventListener(type, () => dropzone.classList.remove('over')));
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropzone.classList.remove('over');
    if (event.dataTransfer && event.dataTransfer.files.length > 0) choose(event.dataTransfer.files[0]);
  });
  // A file dropped next to the zone must not make the browser navigate away.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  async function errorText(response) {
    let message = 'HTTP ' + response.status;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch (ignored) { /* not JSON */ }
    const retry = response.headers.get('Retry-After');
    if (response.status === 429 && retry) message += ' (Retry-After: ' + retry + ' s)';
    return message;
  }

  function upload(path, file) {
    const form = new FormData();
    form.append('file', file, file.name);
    return fetch(path, { method: 'POST', body: form, headers: authHeaders() });
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function cell(text, className) {
    const td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = text;
    return td;
  }

  function confidenceCell(confidence) {
    const td = document.createElement('td');
    td.className = 'confidence';
    const percent = Math.round((Number(confidence) || 0) * 100);
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'meter');
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
    bar.setAttribute('aria-valuenow', String(percent));
    bar.setAttribute('aria-label', 'confidence');
    const fill = document.createElement('div');
    fill.className = 'fill ' + (percent >= 80 ? 'high' : percent >= 50 ? 'medium' : 'low');
    fill.style.width = percent + '%';
    bar.appendChild(fill);
    const label = document.createElement('span');
    label.className = 'percent';
    label.textContent = percent + '%';
    td.append(bar, label);
    return td;
  }

  function reviewCell(field) {
    const td = document.createElement('td');
    td.className = 'review';
    const flag = document.createElement('span');
    if (field.needs_review) {
      flag.className = 'flag review-needed';
      flag.textContent = '⚑ review';
      const reasons = (field.reasons || []).join(', ');
      if (reasons) flag.title = reasons;
      td.appendChild(flag);
      if (reasons) {
        const why = document.createElement('div');
        why.className = 'muted reasons';
        why.textContent = reasons.replaceAll('_', ' ');
        td.appendChild(why);
      }
    } else {
      flag.className = 'flag review-ok';
      flag.textContent = '✓ ok';
      td.appendChild(flag);
    }
    return td;
  }

  function showResult(result) {
    tbody.replaceChildren();
    const fields = result.fields || {};
    for (const [name, field] of Object.entries(fields)) {
      const row = document.createElement('tr');
      row.dataset.field = name;
      const found = field.value !== null && field.value !== undefined;
      row.append(
        cell(name.replaceAll('_', ' '), 'name'),
        cell(found ? String(field.value) : 'not found', found ? 'value' : 'value missing'),
        confidenceCell(field.confidence),
        reviewCell(field));
      tbody.appendChild(row);
    }
    // Counted from the rows shown: the library's summary counts only the five core fields, the table shows all.
    const shown = Object.values(fields);
    const sure = shown.filter((field) => field.value !== null && field.value !== undefined && !field.needs_review);
    const review = result.needs_review || [];
    summary.textContent = sure.length + ' of ' + shown.length + ' fields extracted confidently.' +
      (review.length ? ' To review: ' + review.join(', ').replaceAll('_', ' ') + '.' : '');
    raw.textContent = JSON.stringify(result, null, 2);
    results.hidden = false;
  }

  async function loadPreview(file, myRun) {
    previewCard.hidden = false;
    previewImage.hidden = true;
    previewStatus.textContent = 'Rendering the cleaned page…';
    try {
      const response = await upload('/preview', file);
      if (myRun !== run) return;
      if (!response.ok) {
        previewStatus.textContent = 'No preview: ' + (await errorText(response));
        return;
      }
      const blob = await response.blob();
      if (myRun !== run) return;
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      previewUrl = URL.createObjectURL(blob);
      previewImage.src = previewUrl;
      previewImage.hidden = false;
      previewStatus.textContent = 'First page after grayscale, upscaling, denoising, deskewing and thresholding.';
    } catch (error) {
      if (myRun === run) previewStatus.textContent = 'No preview: ' + error.message;
    }
  }

  async function extract() {
    if (!selected) return;
    const myRun = ++run;
    const file = selected;
    button.disabled = true;
    results.hidden = true;
    setStatus('Uploading ' + file.name + '…', 'busy');
    loadPreview(file, myRun);
    try {
      const response = await upload('/extract', file);
      if (response.status !== 202) {
        setStatus('Upload refused: ' + (await errorText(response)), 'error');
        return;
      }
      const job = await response.json();
      const started = Date.now();
      let retryMs = 0; // backoff while the service answers 503 (Redis down, restarting) or the network fails
      for (;;) {
        if (myRun !== run) return;
        let poll;
        try {
          poll = await fetch('/result/' + encodeURIComponent(job.job_id), { cache: 'no-store', headers: authHeaders() });
        } catch (error) {
          poll = null;
        }
        if (!poll || poll.status === 503) {
          if (Date.now() - started > GIVE_UP_MS) {
            setStatus('Could not get the result: the service stayed unavailable', 'error');
            return;
          }
          retryMs = Math.min(retryMs ? retryMs * 2 : POLL_MS, MAX_RETRY_MS);
          setStatus('Service unavailable, retrying in ' + Math.round(retryMs / 1000) + ' s…', 'busy');
          await sleep(retryMs);
          continue;
        }
        retryMs = 0;
        if (!poll.ok) {
          setStatus('Could not get the result: ' + (await errorText(poll)), 'error');
          return;
        }
        const body = await poll.json();
        const seconds = Math.round((Date.now() - started) / 1000);
        if (body.status === 'done') {
          setStatus('Done in ' + seconds + ' s (job ' + job.job_id.slice(0, 8) + ').', 'done');
          showResult(body.result);
          return;
        }
        if (body.status === 'failed') {
          setStatus('Failed: ' + body.error, 'error');
          return;
        }
        setStatus((body.status === 'queued' ? 'Queued, waiting for a worker' : 'Processing (OCR)') +
                  '… ' + seconds + ' s', 'busy');
        await sleep(POLL_MS);
      }
    } catch (error) {
      setStatus('Network error: ' + error.message, 'error');
    } finally {
      if (myRun === run) button.disabled = false;
    }
  }

  button.addEventListener('click', extract);
})();
