// SPDX-License-Identifier: MIT
// The docextract web page, upload view: pick or drop documents (several at once), upload each to /extract with
// a progress line, poll /result/{id} until its job is done (while the service answers 503, retrying after its
// Retry-After, else with backoff), show the first finished document's fields and its cleaned page from
// /result/{id}/pages/0.png (the stored upload: nothing is sent twice). api.js carries the API key; review.js is
// the review view.
'use strict';

(function () {
  const POLL_MS = 700;
  const MAX_RETRY_MS = 10000;
  const GIVE_UP_MS = 10 * 60 * 1000;
  const MAX_PARALLEL = 2; // uploads at once; the rest wait their turn
  const api = window.docextractApi;

  const dropzone = document.getElementById('dropzone');
  const input = document.getElementById('file');
  const fileName = document.getElementById('file-name');
  const button = document.getElementById('extract');
  const status = document.getElementById('status');
  const uploads = document.getElementById('uploads');
  const results = document.getElementById('results');
  const tbody = document.querySelector('#fields tbody');
  const summary = document.getElementById('summary');
  const raw = document.getElementById('raw');
  const previewCard = document.getElementById('preview-card');
  const previewImage = document.getElementById('preview');
  const previewStatus = document.getElementById('preview-status');

  let selected = [];
  let run = 0; // increases with each click, so a stale poll loop stops
  let runStarted = 0;
  let maxUploadBytes = null; // from /health: a file over the limit is refused here, before it is sent
  api.health.then((health) => {
    if (Number.isFinite(health.max_upload_bytes)) maxUploadBytes = health.max_upload_bytes;
  });

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function describeSize(bytes) {
    if (bytes >= 1024 * 1024) return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
    if (bytes >= 1024) return Math.round(bytes / 1024) + ' KB';
    return bytes + ' bytes';
  }

  function choose(fileList) {
    const files = Array.from(fileList || []);
    if (files.length === 0) return;
    fileName.textContent = files.length === 1
      ? files[0].name + ' (' + describeSize(files[0].size) + ')'
      : files.length + ' files: ' + files.map((file) => file.name).join(', ');
    const tooLarge = files.filter((file) => maxUploadBytes !== null && file.size > maxUploadBytes);
    if (tooLarge.length > 0) {
      selected = [];
      button.disabled = true;
      setStatus((files.length === 1 ? 'This file is too large' : tooLarge.map((file) => file.name).join(', ') +
                 (tooLarge.length === 1 ? ' is too large' : ' are too large')) +
                ': the limit is ' + describeSize(maxUploadBytes) + '.', 'error');
      return;
    }
    selected = files;
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
  input.addEventListener('change', () => choose(input.files));
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
    if (event.dataTransfer && event.dataTransfer.files.length > 0) choose(event.dataTransfer.files);
  });
  // A file dropped next to the zone must not make the browser navigate away.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  /// POSTs the file to /extract with the key; onProgress(fraction) while the bytes go out.
  /// Resolves to {status, body, retry}; rejects on a network failure.
  function upload(file, onProgress) {
    return new Promise((resolve, reject) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const request = new XMLHttpRequest();
      request.open('POST', '/extract');
      for (const [name, value] of Object.entries(api.authHeaders())) request.setRequestHeader(name, value);
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      });
      request.addEventListener('load', () => {
        let body = null;
        try { body = JSON.parse(request.responseText); } catch (ignored) { /* not JSON */ }
        resolve({ status: request.status, body, retry: request.getResponseHeader('Retry-After') });
      });
      request.addEventListener('error', () => reject(new Error('the upload failed')));
      request.send(form);
    });
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

  /// The cleaned first page of a stored job, fetched with the key.
  async function showPage(jobId, myRun) {
    previewCard.hidden = false;
    previewImage.hidden = true;
    previewStatus.textContent = 'Rendering the cleaned page…';
    const shown = await api.loadImage(previewImage, '/result/' + encodeURIComponent(jobId) + '/pages/0.png');
    if (myRun !== run) return;
    if (shown === true) {
      previewImage.hidden = false;
      previewStatus.textContent = 'First page after grayscale, upscaling, denoising, deskewing and thresholding.';
    } else {
      previewStatus.textContent = 'No preview: ' + shown;
    }
  }

  /// One line of the upload list: name, progress bar, state text.
  function uploadRow(file) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = file.name;
    const bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute('aria-label', 'upload of ' + file.name);
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = 'waiting';
    item.append(name, bar, state);
    uploads.appendChild(item);
    return {
      item,
      progress(fraction) { bar.value = fraction; },
      state(text, kind) { state.textContent = text; state.className = 'state' + (kind ? ' ' + kind : ''); },
    };
  }

  /// Uploads one file and polls its job; resolves to {jobId, body} or {error}.
  async function processFile(file, row, myRun) {
    row.state('uploading');
    const answer = await upload(file, (fraction) => row.progress(fraction));
    row.progress(1);
    if (answer.status !== 202) {
      let message = (answer.body && answer.body.error) || 'HTTP ' + answer.status;
      if ((answer.status === 429 || answer.status === 503) && answer.retry) {
        message += ' (Retry-After: ' + answer.retry + ' s)';
      }
      row.state('refused: ' + message, 'failed');
      return { error: 'Upload refused: ' + message };
    }
    const jobId = answer.body.job_id;
    row.item.dataset.job = jobId;
    const started = Date.now();
    // Backoff while the service answers 503 (Redis down, restarting) or the network fails; a 503's Retry-After,
    // when it has one, says how long to wait instead.
    let backoffMs = 0;
    for (;;) {
      if (myRun !== run) return { error: 'stopped' };
      let poll;
      try {
        poll = await api.request('/result/' + encodeURIComponent(jobId));
      } catch (error) {
        poll = null;
      }
      if (!poll || poll.status === 503) {
        if (Date.now() - started > GIVE_UP_MS) {
          row.state('service unavailable', 'failed');
          return { error: 'Could not get the result: the service stayed unavailable' };
        }
        backoffMs = Math.min(backoffMs ? backoffMs * 2 : POLL_MS, MAX_RETRY_MS);
        const waitMs = api.retryDelayMs(poll, backoffMs);
        const seconds = Math.max(1, Math.round(waitMs / 1000));
        row.state('service unavailable, retrying in ' + seconds + ' s');
        setStatus('Service unavailable, retrying in ' + seconds + ' s…', 'busy');
        await sleep(waitMs);
        continue;
      }
      backoffMs = 0;
      if (!poll.ok) {
        const message = (await api.errorOf(poll)).error;
        row.state(message, 'failed');
        return { error: 'Could not get the result: ' + message };
      }
      const body = await poll.json();
      if (body.status === 'done' || body.status === 'reviewed') {
        const flagged = (body.result.needs_review || []).length;
        row.state(flagged ? 'done, ' + flagged + ' to review' : 'done', flagged ? 'review' : 'done');
        return { jobId, body };
      }
      if (body.status === 'failed') {
        row.state('failed: ' + body.error, 'failed');
        return { error: 'Failed: ' + body.error };
      }
      row.state(body.status === 'queued' ? 'queued' : 'processing');
      setStatus((body.status === 'queued' ? 'Queued, waiting for a worker' : 'Processing (OCR)') + '… ' +
                Math.round((Date.now() - runStarted) / 1000) + ' s', 'busy');
      await sleep(POLL_MS);
    }
  }

  async function extract() {
    if (selected.length === 0) return;
    const myRun = ++run;
    const files = selected;
    runStarted = Date.now();
    button.disabled = true;
    results.hidden = true;
    previewCard.hidden = true;
    uploads.replaceChildren();
    uploads.hidden = false;
    setStatus('Uploading ' + (files.length === 1 ? files[0].name : files.length + ' files') + '…', 'busy');
    const rows = files.map(uploadRow);
    const outcomes = new Array(files.length);
    let next = 0;
    let shown = false;
    async function lane() {
      while (next < files.length) {
        const index = next++;
        try {
          outcomes[index] = await processFile(files[index], rows[index], myRun);
        } catch (error) {
          rows[index].state('network error', 'failed');
          outcomes[index] = { error: 'Network error: ' + error.message };
        }
        if (!shown && outcomes[index].body && myRun === run) {
          shown = true; // the first document that finishes is shown in full
          showResult(outcomes[index].body.result);
          showPage(outcomes[index].jobId, myRun);
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL, files.length) }, lane));
      if (myRun !== run) return;
      const seconds = Math.round((Date.now() - runStarted) / 1000);
      const good = outcomes.filter((outcome) => outcome.body);
      if (files.length === 1) {
        if (good.length === 1) {
          setStatus('Done in ' + seconds + ' s (job ' + good[0].jobId.slice(0, 8) + ').', 'done');
        } else {
          setStatus(outcomes[0].error, 'error');
        }
        return;
      }
      const toReview = good.filter((outcome) => (outcome.body.result.needs_review || []).length > 0).length;
      const failed = outcomes.filter((outcome) => !outcome.body).map((outcome) => outcome.error);
      setStatus('Done in ' + seconds + ' s: ' + good.length + ' of ' + files.length + ' documents extracted' +
                (toReview ? ', ' + toReview + ' to review.' : '.') +
                (failed.length ? ' ' + [...new Set(failed)].join('; ') : ''),
                good.length === files.length ? 'done' : 'error');
    } finally {
      if (myRun === run) button.disabled = false;
    }
  }

  button.addEventListener('click', extract);
})();
