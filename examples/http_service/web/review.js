// SPDX-License-Identifier: MIT
// The docextract web page, review view: the queue of documents with flagged fields (GET /jobs), one document's
// page with the box of every field drawn on it, and a form to correct or confirm each field (PATCH /result/{id}
// with If-Match). Keyboard: Tab between fields, Enter saves the field (confirms it when unchanged) and moves to
// the next flagged one; when none is left the next document opens. Clicking a box goes to its field.
'use strict';

(function () {
  const uploadView = document.getElementById('upload-view');
  const reviewView = document.getElementById('review-view');
  const queueList = document.getElementById('queue');
  const queueStatus = document.getElementById('queue-status');
  const docCard = document.getElementById('review-doc');
  const docTitle = document.getElementById('review-title');
  const docStatus = document.getElementById('review-status');
  const form = document.getElementById('review-form');
  const pageImage = document.getElementById('page-image');
  const boxes = document.getElementById('boxes');

  let queue = [];
  let current = null; // {id, etag, result}

  function setDocStatus(text, kind) {
    docStatus.textContent = text;
    docStatus.className = 'status' + (kind ? ' ' + kind : '');
  }

  function showView(review) {
    uploadView.hidden = review;
    reviewView.hidden = !review;
    if (review) loadQueue(true);
  }

  document.getElementById('show-review').addEventListener('click', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '#review');
    showView(true);
  });
  document.getElementById('show-upload').addEventListener('click', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '#');
    showView(false);
  });

  async function errorOf(response) {
    try {
      const body = await response.json();
      if (body && body.error) return body;
    } catch (ignored) { /* not JSON */ }
    return { error: 'HTTP ' + response.status };
  }

  async function loadQueue(openFirst) {
    queueStatus.textContent = 'Loading…';
    const response = await fetch('/jobs?status=needs_review&limit=100', { cache: 'no-store' });
    if (!response.ok) {
      queueStatus.textContent = 'Could not load the queue: ' + (await errorOf(response)).error;
      return;
    }
    queue = (await response.json()).jobs;
    queueList.replaceChildren();
    for (const job of queue) {
      const item = document.createElement('li');
      const open = document.createElement('button');
      open.type = 'button';
      open.dataset.job = job.job_id;
      open.textContent = job.filename + (job.vendor ? ' · ' + job.vendor : '') + ' (' + job.needs_review.join(', ') + ')';
      open.addEventListener('click', () => openJob(job.job_id));
      item.appendChild(open);
      queueList.appendChild(item);
    }
    queueStatus.textContent = queue.length === 0 ? 'Nothing to review.' : queue.length + ' document(s) to review.';
    if (openFirst && queue.length > 0 && (!current || !queue.some((job) => job.job_id === current.id))) {
      openJob(queue[0].job_id);
    }
  }

  function markCurrentInQueue() {
    for (const button of queueList.querySelectorAll('button')) {
      button.setAttribute('aria-current', String(current !== null && button.dataset.job === current.id));
    }
  }

  async function openJob(id) {
    const response = await fetch('/result/' + encodeURIComponent(id), { cache: 'no-store' });
    if (!response.ok) {
      setDocStatus('Could not open the document: ' + (await errorOf(response)).error, 'error');
      return;
    }
    const body = await response.json();
    current = { id, etag: response.headers.get('ETag'), result: body.result, status: body.status };
    docCard.hidden = false;
    docTitle.textContent = body.result.filename;
    setDocStatus(body.status === 'reviewed' ? 'Reviewed.' : (body.result.needs_review || []).length + ' field(s) to review.',
                 body.status === 'reviewed' ? 'done' : '');
    markCurrentInQueue();
    renderForm();
    const page = firstFlaggedPage(body.result);
    pageImage.onload = () => drawBoxes(page);
    pageImage.src = '/result/' + encodeURIComponent(id) + '/pages/' + page + '.png';
    const first = form.querySelector('.row.flagged input') || form.querySelector('input');
    if (first) first.focus();
  }

  function firstFlaggedPage(result) {
    for (const name of result.needs_review || []) {
      const field = result.fields[name];
      if (field && Number.isInteger(field.page) && field.page >= 0) return field.page;
    }
    return 0;
  }

  function isFlagged(name) {
    return (current.result.needs_review || []).includes(name);
  }

  function renderForm() {
    form.replaceChildren();
    for (const [name, field] of Object.entries(current.result.fields || {})) {
      const row = document.createElement('div');
      row.className = 'row' + (isFlagged(name) ? ' flagged' : field.source === 'review' ? ' settled' : '');
      row.dataset.field = name;
      const label = document.createElement('label');
      label.htmlFor = 'field-' + name;
      label.textContent = name.replaceAll('_', ' ');
      const input = document.createElement('input');
      input.id = 'field-' + name;
      input.name = name;
      input.value = field.value === null || field.value === undefined ? '' : String(field.value);
      input.dataset.original = input.value;
      input.placeholder = 'not found';
      const confidence = document.createElement('span');
      confidence.className = 'muted';
      confidence.textContent = Math.round((Number(field.confidence) || 0) * 100) + '%';
      if (field.reasons && field.reasons.length) confidence.title = field.reasons.join(', ');
      input.addEventListener('focus', () => highlight(name));
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          save(name, input);
        }
      });
      row.append(label, input, confidence);
      form.appendChild(row);
    }
  }

  function highlight(name) {
    for (const row of form.querySelectorAll('.row')) row.classList.toggle('active', row.dataset.field === name);
    for (const box of boxes.querySelectorAll('.box')) box.classList.toggle('active', box.dataset.field === name);
  }

  function drawBoxes(page) {
    boxes.replaceChildren();
    if (!pageImage.naturalWidth) return;
    const scale = pageImage.clientWidth / pageImage.naturalWidth;
    for (const [name, field] of Object.entries(current.result.fields || {})) {
      if (!field.box || field.page !== page) continue;
      const box = document.createElement('button');
      box.type = 'button';
      box.tabIndex = -1; // the form is the keyboard path; the boxes are for the mouse
      box.className = 'box' + (isFlagged(name) ? ' flagged' : '');
      box.dataset.field = name;
      box.style.left = field.box.x * scale + 'px';
      box.style.top = field.box.y * scale + 'px';
      box.style.width = Math.max(field.box.width * scale, 4) + 'px';
      box.style.height = Math.max(field.box.height * scale, 4) + 'px';
      box.setAttribute('aria-label', name.replaceAll('_', ' '));
      const label = document.createElement('span');
      label.textContent = name.replaceAll('_', ' ');
      box.appendChild(label);
      box.addEventListener('click', () => {
        const input = document.getElementById('field-' + name);
        if (input) input.focus();
      });
      boxes.appendChild(box);
    }
  }
  window.addEventListener('resize', () => { if (current) drawBoxes(firstFlaggedPage(current.result)); });

  function fieldError(name, message) {
    const row = form.querySelector('.row[data-field="' + name + '"]');
    if (!row) return;
    let error = row.querySelector('.error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'error';
      error.setAttribute('role', 'alert');
      row.appendChild(error);
    }
    error.textContent = message;
  }

  async function save(name, input) {
    const text = input.value.trim();
    const changed = text !== input.dataset.original;
    const body = changed ? { fields: { [name]: text === '' ? null : text } } : { confirm: [name] };
    const headers = { 'Content-Type': 'application/json' };
    if (current.etag) headers['If-Match'] = current.etag;
    const response = await fetch('/result/' + encodeURIComponent(current.id), {
      method: 'PATCH', headers, body: JSON.stringify(body),
    });
    if (response.status === 412) {
      setDocStatus('Someone changed this document meanwhile; reloaded it. Check the field again.', 'error');
      await openJob(current.id);
      return;
    }
    if (!response.ok) {
      const error = await errorOf(response);
      fieldError(error.field || name, error.error);
      return;
    }
    const answer = await response.json();
    current.etag = response.headers.get('ETag');
    current.result = answer.result;
    current.status = answer.status;
    renderForm();
    drawBoxes(firstFlaggedPage(current.result));
    if (answer.status === 'reviewed') {
      setDocStatus('Reviewed: every flagged field is settled.', 'done');
      const index = queue.findIndex((job) => job.job_id === current.id);
      const following = queue.slice(index + 1).concat(queue.slice(0, Math.max(index, 0)));
      await loadQueue(false);
      const next = following.find((job) => queue.some((left) => left.job_id === job.job_id));
      if (next) await openJob(next.job_id);
      return;
    }
    setDocStatus((current.result.needs_review || []).length + ' field(s) to review.', '');
    const names = Object.keys(current.result.fields);
    const after = names.slice(names.indexOf(name) + 1).concat(names.slice(0, names.indexOf(name)));
    const nextName = after.find((candidate) => isFlagged(candidate));
    const target = document.getElementById('field-' + (nextName || name));
    if (target) target.focus();
  }

  if (location.hash === '#review') showView(true);
})();
