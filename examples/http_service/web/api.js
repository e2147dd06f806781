// SPDX-License-Identifier: MIT
// What app.js (upload view) and review.js (review view) share: the API key field and the requests that carry
// it. When the server requires a key (/health says so) every API request sends it as X-API-Key, including the
// uploads (XMLHttpRequest), the page images (fetched, shown from blob: URLs, since an <img> cannot send a
// header) and the corrections. Talks only to this server.
'use strict';

window.docextractApi = (function () {
  const keyRow = document.getElementById('key-row');
  const keyInput = document.getElementById('api-key');
  const KEY_STORE = 'docextract-api-key';
  keyInput.value = sessionStorage.getItem(KEY_STORE) || '';
  keyInput.addEventListener('input', () => sessionStorage.setItem(KEY_STORE, keyInput.value.trim()));

  // One request for both views: the upload limit and whether a key is needed.
  const health = fetch('/health', { cache: 'no-store' })
    .then((response) => response.json())
    .then((body) => {
      if (body.api_key_required === true) keyRow.hidden = false;
      return body;
    })
    .catch(() => ({})); // the server still enforces its limits

  /// The headers every API request carries: the key, when one is entered.
  function authHeaders(extra) {
    const headers = Object.assign({}, extra || {});
    const key = keyInput.value.trim();
    if (key) headers['X-API-Key'] = key;
    return headers;
  }

  /// fetch() with the key and no caching.
  function request(path, options) {
    const settings = Object.assign({ cache: 'no-store' }, options || {});
    settings.headers = authHeaders(settings.headers);
    return fetch(path, settings);
  }

  /// {error, field?} from an error answer (the server sends JSON), or {error: 'HTTP n'}.
  async function errorOf(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (ignored) { /* not JSON */ }
    const error = body && typeof body.error === 'string' ? body : { error: 'HTTP ' + response.status };
    const retry = response.headers.get('Retry-After');
    if ((response.status === 429 || response.status === 503) && retry) error.error += ' (Retry-After: ' + retry + ' s)';
    return error;
  }

  /// How long to wait before asking again after `response` (a 503 or 429; null after a network failure): its
  /// Retry-After (seconds, or an HTTP date) kept within 1-30 s, else `fallbackMs` (the caller's own backoff).
  function retryDelayMs(response, fallbackMs) {
    const header = response ? response.headers.get('Retry-After') : null;
    if (header === null || header.trim() === '') return fallbackMs;
    const text = header.trim();
    let seconds = /^\d+$/.test(text) ? Number(text) : (Date.parse(text) - Date.now()) / 1000;
    if (!Number.isFinite(seconds)) return fallbackMs;
    seconds = Math.min(Math.max(Math.round(seconds), 1), 30);
    return seconds * 1000;
  }

  /// Loads an image through request() into `img` (revoking its previous blob: URL); resolves to true when
  /// shown, or to the error text.
  async function loadImage(img, path) {
    let response;
    try {
      response = await request(path);
    } catch (error) {
      return error.message;
    }
    if (!response.ok) return (await errorOf(response)).error;
    const url = URL.createObjectURL(await response.blob());
    const previous = img.dataset.blob;
    img.dataset.blob = url;
    img.src = url;
    if (previous) URL.revokeObjectURL(previous);
    try {
      await img.decode();
    } catch (error) {
      return 'the image could not be decoded';
    }
    return true;
  }

  return { health, authHeaders, request, errorOf, retryDelayMs, loadImage };
})();
