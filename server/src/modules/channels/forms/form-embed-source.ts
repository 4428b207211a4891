/**
 * The embedded form's browser code, kept as source text: a compiled function's toString() would carry the
 * TypeScript runner's helpers (tsx's `__name`), which the customer's page does not have. Called with the form's
 * config (form-embed.ts). Everything user-visible is set with textContent or setAttribute, never as HTML.
 */
export const EMBED_SOURCE = String.raw`function (C) {
  'use strict';
  var doc = document;
  var box = doc.querySelector('[data-atiende-form="' + C.channelId + '"]');
  var script = doc.currentScript;
  if (!box && !(script && script.parentNode)) return;
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] != null) e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  if (!doc.getElementById('atiende-form-style')) (doc.head || doc.body).appendChild(el('style', { id: 'atiende-form-style' }, C.css));

  var form = el('form', { 'class': 'atiende-form', action: C.action, method: 'post', novalidate: '' });
  var inputs = {};
  C.fields.forEach(function (f) {
    var id = 'atiende-' + C.channelId + '-' + f.key;
    var wrap = el('div', { 'class': 'atiende-field' });
    var text = f.label + (f.required ? ' *' : '');
    var input;
    if (f.type === 'checkbox') {
      input = el('input', { type: 'checkbox', id: id, name: f.key, value: 'on' });
      var box = el('label', { 'for': id });
      box.appendChild(input);
      box.appendChild(doc.createTextNode(' ' + text));
      wrap.appendChild(box);
    } else {
      wrap.appendChild(el('label', { 'for': id }, text));
      if (f.type === 'textarea') input = el('textarea', { id: id, name: f.key, rows: '5' });
      else if (f.type === 'select') {
        input = el('select', { id: id, name: f.key });
        input.appendChild(el('option', { value: '' }, C.texts.choose));
        (f.options || []).forEach(function (o) { input.appendChild(el('option', { value: o }, o)); });
      } else if (f.type === 'decimal') input = el('input', { type: 'text', inputmode: 'decimal', id: id, name: f.key });
      else input = el('input', { type: f.type, id: id, name: f.key, autocomplete: f.autocomplete });
      wrap.appendChild(input);
    }
    if (f.required) {
      input.setAttribute('required', '');
      input.setAttribute('aria-required', 'true');
    }
    var error = el('p', { id: id + '-error', 'class': 'atiende-error', hidden: '' });
    input.setAttribute('aria-describedby', id + '-error');
    wrap.appendChild(error);
    inputs[f.key] = { input: input, error: error, type: f.type };
    form.appendChild(wrap);
  });

  var trap = el('div', { 'class': 'atiende-hp', 'aria-hidden': 'true' });
  trap.appendChild(el('label', { 'for': 'atiende-' + C.channelId + '-hp' }, 'Homepage'));
  var honeypot = el('input', { type: 'text', id: 'atiende-' + C.channelId + '-hp', name: C.honeypot, tabindex: '-1', autocomplete: 'off' });
  trap.appendChild(honeypot);
  form.appendChild(trap);
  var cryptoApi = window.crypto;
  var submissionId = cryptoApi && cryptoApi.randomUUID ? cryptoApi.randomUUID() : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  var hidden = el('input', { type: 'hidden', name: 'submissionId', value: submissionId });
  form.appendChild(hidden);
  var button = el('button', { type: 'submit' }, C.submitLabel);
  var status = el('p', { 'class': 'atiende-status', role: 'status', 'aria-live': 'polite' });
  form.appendChild(button);
  form.appendChild(status);
  if (box) box.appendChild(form);
  else script.parentNode.insertBefore(form, script.nextSibling);

  function say(text) {
    button.disabled = false;
    status.textContent = text;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = { submissionId: hidden.value };
    data[C.honeypot] = honeypot.value;
    Object.keys(inputs).forEach(function (key) {
      var x = inputs[key];
      data[key] = x.type === 'checkbox' ? x.input.checked : x.input.value;
      x.error.hidden = true;
      x.error.textContent = '';
      x.input.removeAttribute('aria-invalid');
    });
    button.disabled = true;
    status.textContent = C.texts.sending;
    fetch(C.action, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(data) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) { return { res: res, body: body || {} }; });
      })
      .then(function (r) {
        if (r.res.ok) {
          var thanks = el('p', { 'class': 'atiende-success', role: 'status', tabindex: '-1' }, typeof r.body.message === 'string' ? r.body.message : C.successMessage);
          form.parentNode.replaceChild(thanks, form);
          thanks.focus();
          return;
        }
        var details = r.res.status === 400 && r.body.error && Array.isArray(r.body.error.details) ? r.body.error.details : [];
        var first = null;
        details.forEach(function (d) {
          var x = inputs[String(d.field || '').replace(/^body\./, '')];
          if (!x) return;
          x.error.textContent = /required/.test(String(d.message)) ? C.texts.required : C.texts.invalid;
          x.error.hidden = false;
          x.input.setAttribute('aria-invalid', 'true');
          if (!first) first = x.input;
        });
        if (first) {
          say(C.texts.fix);
          first.focus();
        } else if (r.res.status === 429) say(C.texts.tooMany.replace('{s}', r.res.headers.get('retry-after') || '60'));
        else say(C.texts.failed);
      })
      .catch(function () { say(C.texts.failed); });
  });
}`;
