// SPDX-License-Identifier: MIT
// The docextract web page, review view: the queue of documents with flagged fields (GET /jobs, a page at a time:
// "Load more" and reviewing past the last one shown read the next, ?queue_page_size=N sets its size), one document's
// page with the box of every field drawn on it (scaled to the size the image is shown at), and a form to correct
// or confirm each field (PATCH /result/{id} with If-Match on the ETag read). Keyboard: Tab between fields, Enter
// saves the field (confirms it when unchanged) and moves to the next flagged one; when none is left the next
// document opens. Clicking a box goes to its field. A 412 (someone else changed the document) reloads it and
// keeps what was typed; a 422 (a value that does not parse) is shown next to its field.
'use strict';

(function () {
  const api = window.docextractApi;
  const uploadView = document.getElementById('upload-view');
  const reviewView = document.getElementById('review-view');
  const queueList = document.getElementById('queue');
  const queueStatus = document.getElementById('queue-status');
  const docCard = document.getElementById('review-doc');
  const docTitle = document.getElementById('review-title');
  const docStatus = document.getElementById('review-status');
  const form = document.getElementById('review-form');
  const pageImage = document.getElementById('page-image');
  const pageStatus = document.getElementById('page-status');
  const boxes = document.getElementById('boxes');
  const exportButton = document.getElementById('export-csv');
  const exportStatus = document.getElementById('export-status');

  const queueMore = document.getElementById('queue-more');

  /// Documents per GET /jobs page: ?queue_page_size=N on the page's URL (1 to 500), else 100.
  const QUEUE_PAGE_SIZE = (() => {
    const asked = Number(new URLSearchParams(location.search).get('queue_page_size'));
    return Number.isInteger(asked) && asked >= 1 && asked <= 500 ? asked : 100;
  })();

  let queue = []; // the documents shown, oldest first, as GET /jobs lists them
  let nextCursor = null; // next_cursor of the last page read: more documents wait; null when all are shown
  let queueLoad = 0; // increases with each reload from the start, so a late page of an earlier one is dropped
  let moreLoading = null; // the page being appended, shared by the button and the review's own request
  let current = null; // {id, etag, result, status, page}
  let opening = 0; // increases with each document opened, so a late answer for an earlier one is dropped

  function setDocStatus(text, kind) {
    docStatus.textContent = text;
    docStatus.className = 'status' + (kind ? ' ' + kind : '');
  }

  function label(name) {
    return name.replaceAll('_', ' ');
  }

  function showView(review) {
    uploadView.hidden = review;
    reviewView.hidden = !review;
    for (const link of document.querySelectorAll('nav [data-view]')) {
      link.setAttribute('aria-current', String((link.dataset.view === 'review') === review));
    }
    if (review) loadQueue(true);
  }

  document.getElementById('show-review').addEventListener('click', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '#review');
    showView(true);
  });
  document.getElementById('show-upload').addEventListener('click', (event) => {
    event.preventDefault();
    history.replaceState(null, '', location.pathname);
    showView(false);
  });

  /// One page of the queue after `cursor` (null: the first); throws with the server's error.
  async function fetchQueuePage(cursor) {
    let path = '/jobs?status=needs_review&limit=' + QUEUE_PAGE_SIZE;
    if (cursor) path += '&cursor=' + encodeURIComponent(cursor);
    const response = await api.request(path);
    if (!response.ok) throw new Error((await api.errorOf(response)).error);
    return response.json();
  }

  /// True when `job` comes after `other` in the queue's order (upload time, then id, as the cursor pages).
  function comesAfter(job, other) {
    return job.created_at > other.created_at || (job.created_at === other.created_at && job.job_id > other.job_id);
  }

  function renderQueue() {
    queueList.replaceChildren();
    for (const job of queue) {
      const item = document.createElement('li');
      const open = document.createElement('button');
      open.type = 'button';
      open.dataset.job = job.job_id;
      open.textContent = job.filename + (job.vendor ? ' · ' + job.vendor : '') + ' (' +
        job.needs_review.map(label).join(', ') + ')';
      open.addEventListener('click', () => openJob(job.job_id));
      item.appendChild(open);
      queueList.appendChild(item);
    }
    // "100+": the queue holds more than is shown; Load more (or reviewing past the last one) reads the next page.
    queueStatus.textContent = queue.length === 0 ? 'Nothing to review.'
      : queue.length + (nextCursor ? '+' : '') + ' document(s) to review.';
    queueMore.hidden = !nextCursor;
    queueMore.disabled = false;
    markCurrentInQueue();
  }

  /// Reads the queue again from its start, page after page until it shows at least `want` documents (as many as
  /// before) or all of them. With `openFirst`, opens the first document unless the one open is still queued.
  async function loadQueue(openFirst, want) {
    const mine = ++queueLoad;
    queueStatus.textContent = 'Loading…';
    const jobs = [];
    let cursor = null;
    try {
      do {
        const page = await fetchQueuePage(cursor);
        if (mine !== queueLoad) return;
        jobs.push(...page.jobs);
        cursor = page.next_cursor;
      } while (cursor && jobs.length < (want || 1));
    } catch (error) {
      if (mine === queueLoad) queueStatus.textContent = 'Could not load the queue: ' + error.message;
      return;
    }
    queue = jobs;
    nextCursor = cursor;
    renderQueue();
    if (openFirst && queue.length > 0 && (!current || !queue.some((job) => job.job_id === current.id))) {
      await openJob(queue[0].job_id);
    }
  }

  /// Appends the next page of the queue; resolves to the documents it added ([] at the end or on a failure).
  function loadMore() {
    if (!moreLoading) {
      moreLoading = appendPage().finally(() => { moreLoading = null; });
    }
    return moreLoading;
  }

  async function appendPage() {
    if (!nextCursor) return [];
    const mine = queueLoad; // a reload from the start meanwhile makes this page stale
    queueMore.disabled = true;
    queueStatus.textContent = 'Loading more…';
    let page;
    try {
      page = await fetchQueuePage(nextCursor);
    } catch (error) {
      if (mine === queueLoad) {
        queueStatus.textContent = 'Could not load more: ' + error.message;
        queueMore.disabled = false;
      }
      return [];
    }
    if (mine !== queueLoad) return [];
    const shown = new Set(queue.map((job) => job.job_id));
    const added = page.jobs.filter((job) => !shown.has(job.job_id));
    queue = queue.concat(added);
    nextCursor = page.next_cursor;
    renderQueue();
    return added;
  }
  queueMore.addEventListener('click', () => loadMore());

  function markCurrentInQueue() {
    for (const button of queueList.querySelectorAll('button')) {
      if (current !== null && button.dataset.job === current.id) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    }
  }

  /// Opens a document: its fields in the form, its page with the boxes. `keep` maps field names to values typed
  /// before a reload, put back into their inputs.
  async function openJob(id, keep) {
    const mine = ++opening;
    docCard.dataset.shown = ''; // set to the job id once its page and boxes are drawn
    let response;
    try {
      response = await api.request('/result/' + encodeURIComponent(id));
    } catch (error) {
      setDocStatus('Could not open the document: ' + error.message, 'error');
      return;
    }
    if (mine !== opening) return;
    if (!response.ok) {
      docCard.hidden = false;
      setDocStatus('Could not open the document: ' + (await api.errorOf(response)).error, 'error');
      return;
    }
    const body = await response.json();
    if (mine !== opening) return;
    if (!body.result) {
      docCard.hidden = false;
      setDocStatus('This document has no result (' + body.status + ').', 'error');
      return;
    }
    current = { id, etag: response.headers.get('ETag'), result: body.result, status: body.status,
                page: firstFlaggedPage(body.result) };
    docCard.hidden = false;
    docTitle.textContent = body.result.filename || id;
    showCounts();
    markCurrentInQueue();
    renderForm();
    for (const [name, value] of Object.entries(keep || {})) {
      const input = document.getElementById('field-' + name);
      if (input && value !== undefined) {
        input.value = value;
        input.dispatchEvent(new Event('input'));
      }
    }
    boxes.replaceChildren();
    pageImage.hidden = true;
    pageStatus.textContent = 'Loading page ' + (current.page + 1) + '…';
    const focusName = Object.keys(keep || {})[0];
    const first = (focusName && document.getElementById('field-' + focusName)) ||
      form.querySelector('.row.flagged input') || form.querySelector('input');
    if (first) first.focus();
    const shown = await api.loadImage(pageImage, '/result/' + encodeURIComponent(id) + '/pages/' + current.page + '.png');
    if (mine !== opening) return;
    if (shown !== true) {
      pageStatus.textContent = 'No page image: ' + shown;
      return;
    }
    pageImage.hidden = false;
    pageStatus.textContent = 'Page ' + (current.page + 1) + '; click a box to edit its field.';
    drawBoxes();
    docCard.dataset.shown = id;
  }

  function showCounts() {
    const left = (current.result.needs_review || []).length;
    if (current.status === 'reviewed' || left === 0) {
      setDocStatus('Reviewed: every flagged field is settled.', 'done');
    } else {
      setDocStatus(left + ' field(s) to review: ' + current.result.needs_review.map(label).join(', ') + '.', '');
    }
  }

  function firstFlaggedPage(result) {
    for (const name of result.needs_review || []) {
      const field = (result.fields || {})[name];
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
      const flagged = isFlagged(name);
      const row = document.createElement('div');
      row.className = 'row' + (flagged ? ' flagged' : field.source === 'review' ? ' settled' : '');
      row.dataset.field = name;
      const fieldLabel = document.createElement('label');
      fieldLabel.htmlFor = 'field-' + name;
      fieldLabel.textContent = label(name);
      if (flagged) {
        const mark = document.createElement('span');
        mark.className = 'to-review';
        mark.textContent = ' (to review)';
        fieldLabel.appendChild(mark);
      }
      const input = document.createElement('input');
      input.type = 'text';
      input.id = 'field-' + name;
      input.name = name;
      input.value = field.value === null || field.value === undefined ? '' : String(field.value);
      input.dataset.original = input.value;
      input.placeholder = 'not found';
      input.spellcheck = false;
      const note = document.createElement('span');
      note.id = 'note-' + name;
      note.className = 'muted note';
      const reasons = (field.reasons || []).map(label).join(', ');
      note.textContent = field.source === 'review' ? 'reviewed'
        : Math.round((Number(field.confidence) || 0) * 100) + '%' + (reasons ? ' · ' + reasons : '');
      input.setAttribute('aria-describedby', note.id + ' review-keys');
      const save = document.createElement('button');
      save.type = 'button';
      save.className = 'save';
      save.tabIndex = -1; // Enter in the input does the same; Tab goes from field to field
      const setSaveLabel = () => {
        const changed = input.value.trim() !== input.dataset.original;
        save.textContent = changed ? 'Save' : 'Confirm';
        save.setAttribute('aria-label', (changed ? 'Save ' : 'Confirm ') + label(name));
      };
      setSaveLabel();
      input.addEventListener('input', setSaveLabel);
      input.addEventListener('focus', () => highlight(name));
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          saveField(name, input);
        }
      });
      save.addEventListener('click', () => saveField(name, input));
      row.append(fieldLabel, input, save, note);
      form.appendChild(row);
    }
  }
  form.addEventListener('submit', (event) => event.preventDefault());

  function highlight(name) {
    for (const row of form.querySelectorAll('.row')) row.classList.toggle('active', row.dataset.field === name);
    for (const box of boxes.querySelectorAll('.box')) box.classList.toggle('active', box.dataset.field === name);
  }

  /// The size of the page the boxes are measured in: the result's page size, else the image's own.
  function pageSize() {
    const page = (current.result.pages || []).find((entry) => entry.index === current.page);
    if (page && page.width > 0 && page.height > 0) return { width: page.width, height: page.height };
    return { width: pageImage.naturalWidth, height: pageImage.naturalHeight };
  }

  /// Draws each field's box over the image, scaled from page pixels to the size the image is displayed at.
  function drawBoxes() {
    boxes.replaceChildren();
    if (!current || pageImage.hidden || !pageImage.naturalWidth || !pageImage.clientWidth) return;
    const size = pageSize();
    const scaleX = pageImage.clientWidth / size.width;
    const scaleY = pageImage.clientHeight / size.height;
    const focusedName = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest('#review-form') ? document.activeElement.name : null;
    for (const [name, field] of Object.entries(current.result.fields || {})) {
      if (!field.box || field.page !== current.page) continue;
      const box = document.createElement('button');
      box.type = 'button';
      box.tabIndex = -1; // the form is the keyboard path; the boxes are for the mouse
      box.className = 'box' + (isFlagged(name) ? ' flagged' : '') + (name === focusedName ? ' active' : '');
      box.dataset.field = name;
      box.style.left = field.box.x * scaleX + 'px';
      box.style.top = field.box.y * scaleY + 'px';
      box.style.width = Math.max(field.box.width * scaleX, 4) + 'px';
      box.style.height = Math.max(field.box.height * scaleY, 4) + 'px';
      box.setAttribute('aria-label', 'Edit ' + label(name));
      const tag = document.createElement('span');
      tag.textContent = label(name);
      tag.setAttribute('aria-hidden', 'true');
      box.appendChild(tag);
      box.addEventListener('click', () => {
        const input = document.getElementById('field-' + name);
        if (input) input.focus();
      });
      boxes.appendChild(box);
    }
  }
  // The image is shown at the width of its column: redraw whenever that changes (window, layout, zoom).
  new ResizeObserver(() => drawBoxes()).observe(pageImage);

  function setFieldError(name, message) {
    const row = form.querySelector('.row[data-field="' + CSS.escape(name) + '"]');
    if (!row) {
      setDocStatus(message, 'error');
      return;
    }
    const input = row.querySelector('input');
    let error = row.querySelector('.error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'error';
      error.id = 'error-' + name;
      error.setAttribute('role', 'alert');
      row.appendChild(error);
    }
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', error.id + ' note-' + name + ' review-keys');
    input.focus();
  }

  async function saveField(name, input) {
    if (!current) return;
    const text = input.value.trim();
    const changed = text !== input.dataset.original;
    const body = changed ? { fields: { [name]: text === '' ? null : text } } : { confirm: [name] };
    const headers = { 'Content-Type': 'application/json' };
    if (current.etag) headers['If-Match'] = current.etag;
    const id = current.id;
    let response;
    try {
      response = await api.request('/result/' + encodeURIComponent(id), {
        method: 'PATCH', headers, body: JSON.stringify(body),
      });
    } catch (error) {
      setDocStatus('Not saved: ' + error.message, 'error');
      return;
    }
    if (!current || current.id !== id) return;
    if (response.status === 412) {
      // Someone else saved this document since it was read: show theirs, keep what was typed here.
      await openJob(id, changed ? { [name]: input.value } : { [name]: undefined });
      setDocStatus('This document was changed elsewhere and has been reloaded; ' +
                   (changed ? 'your value for ' + label(name) + ' is kept: press Enter to save it.'
                            : 'check ' + label(name) + ' and press Enter again.'), 'error');
      return;
    }
    if (!response.ok) {
      const error = await api.errorOf(response);
      setFieldError(error.field || name, error.error);
      return;
    }
    const answer = await response.json();
    current.etag = response.headers.get('ETag');
    current.result = answer.result;
    current.status = answer.status;
    const names = Object.keys(current.result.fields || {});
    renderForm();
    drawBoxes();
    showCounts();
    if (answer.status === 'reviewed' || (current.result.needs_review || []).length === 0) {
      // The next document after this one in the queue's order: read again (as much of it as was shown), then
      // page by page while this was the last one shown; else one passed over before it.
      const settled = queue.find((job) => job.job_id === id);
      await loadQueue(false, Math.max(queue.length - 1, 1));
      const later = (jobs) => jobs.find((job) => job.job_id !== id && (!settled || comesAfter(job, settled)));
      let next = later(queue);
      while (!next && nextCursor) {
        const added = await loadMore();
        if (added.length === 0) break;
        next = later(added);
      }
      next = next || queue.find((job) => job.job_id !== id);
      if (next) {
        await openJob(next.job_id);
      } else {
        setDocStatus('Reviewed: every flagged field is settled. Nothing else to review.', 'done');
      }
      return;
    }
    const at = names.indexOf(name);
    const after = names.slice(at + 1).concat(names.slice(0, at + 1));
    const nextName = after.find((candidate) => isFlagged(candidate));
    const target = document.getElementById('field-' + (nextName || name));
    if (target) target.focus();
  }

  /// The reviewed results as CSV, fetched with the key and handed to the browser as a download.
  exportButton.addEventListener('click', async () => {
    exportStatus.textContent = 'Exporting…';
    let response;
    try {
      response = await api.request('/export?format=csv&status=reviewed');
    } catch (error) {
      exportStatus.textContent = 'Export failed: ' + error.message;
      return;
    }
    if (!response.ok) {
      exportStatus.textContent = 'Export failed: ' + (await api.errorOf(response)).error;
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = 'docextract-reviewed.csv';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    exportStatus.textContent = 'Exported.';
  });

  if (location.hash === '#review') showView(true);
})();
