// SPDX-License-Identifier: MIT
// A small interactive reader for /openapi.json: lists each operation with its parameters, body and responses,
// and a form that sends the request with fetch and shows the answer. No third-party code.
'use strict';

(function () {
  const container = document.getElementById('operations');

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resolve(spec, object) {
    // Follows local "$ref": "#/components/..." pointers.
    let current = object;
    for (let depth = 0; current && current.$ref && depth < 10; depth++) {
      current = current.$ref.replace(/^#\//, '').split('/').reduce((node, key) => (node ? node[key] : undefined), spec);
    }
    return current || {};
  }

  function responsesTable(spec, responses) {
    const table = element('table', 'responses');
    const head = element('tr');
    head.append(element('th', '', 'Status'), element('th', '', 'Meaning'), element('th', '', 'Content'));
    table.appendChild(head);
    for (const [code, raw] of Object.entries(responses || {})) {
      const response = resolve(spec, raw);
      const row = element('tr');
      const types = Object.keys(response.content || {}).join(', ');
      const headers = Object.keys(response.headers || {});
      row.append(element('td', '', code),
                 element('td', '', (response.description || '') + (headers.length ? ' (headers: ' + headers.join(', ') + ')' : '')),
                 element('td', '', types));
      table.appendChild(row);
    }
    return table;
  }

  async function showResponse(view, response) {
    view.replaceChildren();
    const lines = ['HTTP ' + response.status + ' ' + response.statusText];
    for (const name of ['content-type', 'location', 'retry-after']) {
      const value = response.headers.get(name);
      if (value) lines.push(name + ': ' + value);
    }
    view.appendChild(element('pre', '', lines.join('\n')));
    const type = response.headers.get('content-type') || '';
    if (type.startsWith('image/')) {
      const image = element('img');
      image.alt = 'response image';
      image.src = URL.createObjectURL(await response.blob());
      view.appendChild(image);
    } else if (type.includes('json')) {
      const text = await response.text();
      let pretty = text;
      try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (ignored) { /* show as is */ }
      view.appendChild(element('pre', '', pretty));
    } else {
      const text = await response.text();
      view.appendChild(element('pre', '', text.length > 2000 ? text.slice(0, 2000) + '\n…' : text));
    }
  }

  function tryForm(spec, path, method, operation) {
    const form = element('form', 'try');
    const inputs = {};
    for (const raw of operation.parameters || []) {
      const parameter = resolve(spec, raw);
      const label = element('label', '', parameter.name + ' (' + parameter.in + ') ');
      const input = element('input');
      input.type = 'text';
      input.name = parameter.name;
      input.placeholder = parameter.description || '';
      inputs[parameter.name] = input;
      label.appendChild(input);
      form.appendChild(label);
    }
    let fileInput = null;
    const body = operation.requestBody ? resolve(spec, operation.requestBody) : null;
    if (body && body.content && body.content['multipart/form-data']) {
      const label = element('label', '', 'file ');
      fileInput = element('input');
      fileInput.type = 'file';
      fileInput.name = 'file';
      label.appendChild(fileInput);
      form.appendChild(label);
    }
    const send = element('button', '', 'Send request');
    send.type = 'submit';
    form.appendChild(send);
    const view = element('div', 'response-view');
    form.appendChild(view);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let url = path;
      for (const [name, input] of Object.entries(inputs)) {
        url = url.replace('{' + name + '}', encodeURIComponent(input.value.trim()));
      }
      const init = { method: method.toUpperCase() };
      if (fileInput) {
        const data = new FormData();
        if (fileInput.files.length > 0) data.append('file', fileInput.files[0], fileInput.files[0].name);
        init.body = data;
      }
      view.replaceChildren(element('p', 'muted', method.toUpperCase() + ' ' + url + ' …'));
      try {
        await showResponse(view, await fetch(url, init));
      } catch (error) {
        view.replaceChildren(element('p', 'status error', 'Request failed: ' + error.message));
      }
    });
    return form;
  }

  function render(spec) {
    document.getElementById('api-title').textContent = spec.info.title + ' ' + spec.info.version;
    document.getElementById('api-description').textContent = spec.info.description || '';
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const details = element('details', 'operation');
        details.id = operation.operationId || (method + path);
        const summary = element('summary');
        summary.append(element('span', 'method ' + method, method.toUpperCase()), element('span', 'path', path),
                       element('span', 'muted', operation.summary || ''));
        details.appendChild(summary);
        const body = element('div', 'body');
        if (operation.description) body.appendChild(element('p', '', operation.description));
        if (operation.requestBody) {
          const request = resolve(spec, operation.requestBody);
          body.appendChild(element('p', 'muted', 'Request body: ' + Object.keys(request.content || {}).join(', ') +
                                   ' with field "file"'));
        }
        body.appendChild(element('h3', '', 'Responses'));
        body.appendChild(responsesTable(spec, operation.responses));
        body.appendChild(element('h3', '', 'Try it'));
        body.appendChild(tryForm(spec, path, method, operation));
        details.appendChild(body);
        container.appendChild(details);
      }
    }
  }

  fetch('/openapi.json')
    .then((response) => response.json())
    .then(render)
    .catch((error) => {
      document.getElementById('api-title').textContent = 'Could not load /openapi.json: ' + error.message;
    });
})();
