// Long work in the workspace shows its progress and leaves the page usable: a form marked
// data-progress (an upload, a month's build, an export) is sent in the background; an upload
// reports how much of the file has gone, other work says it is under way; the answer page then
// takes this page's place and address, as if the browser had loaded it. Without this script the
// same forms post normally.
//
// Served from this origin under the pages' Content-Security-Policy: no inline code, and the
// answer is parsed as a separate document whose scripts never run.
'use strict';

(function () {
  function statusOf(form) {
    let status = form.querySelector('[data-progress-status]');
    if (!status) {
      status = document.createElement('p');
      status.setAttribute('data-progress-status', '');
      status.setAttribute('role', 'status');
      status.className = 'progress';
      const bar = document.createElement('progress');
      const text = document.createElement('span');
      status.append(bar, text);
      form.append(status);
    }
    return { bar: status.querySelector('progress'), text: status.querySelector('span') };
  }

  function showAnswer(xhr) {
    const answer = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    document.title = answer.title;
    document.body.replaceWith(document.adoptNode(answer.body));
    history.replaceState(null, '', xhr.responseURL);
    const heading = document.querySelector('main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-progress')) return;
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    const { bar, text } = statusOf(form);
    const upload = form.enctype === 'multipart/form-data' && form.querySelector('input[type=file]');
    text.textContent = upload ? ' Sending the file…' : ' Working… a big month can take a minute; you may keep reading this page.';
    bar.removeAttribute('value');
    for (const b of buttons) b.disabled = true;

    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      bar.max = e.total;
      bar.value = e.loaded;
      const percent = Math.floor((e.loaded / e.total) * 100);
      text.textContent = e.loaded < e.total ? ` Sent ${percent}% of the file` : ' File sent; checking every row…';
    });
    xhr.addEventListener('load', () => showAnswer(xhr));
    xhr.addEventListener('error', () => {
      text.textContent = ' The connection failed and nothing was done. Try again.';
      for (const b of buttons) b.disabled = false;
    });
    xhr.send(new FormData(form));
  });
})();
