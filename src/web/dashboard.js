// The finance dashboard, a page of the signed-in workspace: reads /api/metrics/timeliness and
// /api/metrics/late-claims with the person's session, and draws per payer the
// 30- and 90-day paid rates by month against the 90% and 99% targets, the money billed, paid and
// outstanding, the open claims by age and the late claims, each linking to its timeline
// (#/claims/<id>). The payer sections are dashboard-report.js, their chart dashboard-chart.js;
// both load before this file.
//
// Served from the same origin under a strict Content-Security-Policy: no inline script or style,
// every node is built with DOM calls and text goes in through textContent, so nothing the API
// returns is ever parsed as markup.
'use strict';

(function () {
  const { el, money, payerSection, lateTable, payerTitle, rememberPayerNames } = window.EcmReport;

  const $ = (id) => document.getElementById(id);

  /** The session ended (signed out elsewhere, or idle too long): sign in again and come back. */
  class SessionEnded extends Error {}

  async function api(path, accept) {
    const res = await fetch(path, { headers: { accept: accept || 'application/json' }, cache: 'no-store' });
    if (res.status === 401) throw new SessionEnded('Your session has ended.');
    if (!res.ok) {
      let message = 'The service answered ' + res.status + '.';
      try {
        const body = await res.json();
        if (body && body.error) message = body.error;
      } catch (e) {
        /* not JSON */
      }
      throw new Error(message);
    }
    return accept === 'text/csv' ? res.text() : res.json();
  }

  function query() {
    const params = new URLSearchParams();
    if ($('payer').value) params.set('payer', $('payer').value);
    if ($('from').value) params.set('from', $('from').value);
    if ($('to').value) params.set('to', $('to').value);
    const text = params.toString();
    return text ? '?' + text : '';
  }

  let knownPayers = [];

  function fillPayers(report) {
    rememberPayerNames(report.payerNames || {});
    if (knownPayers.length > 0) return;
    knownPayers = report.payers.map((p) => p.payerId);
    for (const id of knownPayers) $('payer').append(el('option', { value: id, text: payerTitle(id) }));
  }

  async function showReport() {
    setStatus('Loading…');
    const q = query();
    const [report, late] = await Promise.all([api('/api/metrics/timeliness' + q), api('/api/metrics/late-claims' + q)]);
    fillPayers(report);
    $('as-of').textContent = 'As of ' + report.asOf;
    const main = $('report');
    main.replaceChildren(...report.payers.map(payerSection));
    $('late-body').replaceChildren(lateTable(late));
    show('report', 'late', 'filters');
    setStatus('');
    document.body.dataset.loaded = 'report';
  }

  // --- a claim's timeline --------------------------------------------------------------------

  function eventDetail(details) {
    const parts = [];
    const adjustments = [].concat(details.adjustments || [], details.lineAdjustments || []);
    for (const a of adjustments) parts.push(a.group + '-' + a.reason + ' ' + a.amount);
    for (const key of ['remarkCodes', 'statusCodes', 'errors']) for (const code of details[key] || []) parts.push(String(code));
    if (details.message) parts.push(String(details.message));
    if (details.traceNumber) parts.push('trace ' + details.traceNumber);
    if (details.payerClaimControlNumber) parts.push('payer claim ' + details.payerClaimControlNumber);
    if (details.receivedDate) parts.push('received ' + details.receivedDate);
    if (details.batchId) parts.push('batch ' + details.batchId);
    if (details.reference) parts.push('ref ' + details.reference);
    return parts.join(' · ');
  }

  async function showTimeline(claimId) {
    setStatus('Loading claim ' + claimId + '…');
    const t = await api('/api/claims/' + encodeURIComponent(claimId) + '/timeline');
    const h = t.history;
    $('timeline-title').textContent = 'Claim ' + t.claimId;
    const facts = [
      ['Payer', t.payerId],
      ['Status', t.status],
      ['Charge', money(t.totalCharge)],
      ['Paid', money(h.paid)],
      ['Received by payer', h.receiptDate || '–'],
      ['Paid on', h.paymentDate || '–'],
      ['Clean', h.clean ? 'yes' : 'no'],
      ['Times sent', h.submissions],
    ];
    $('timeline-summary').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    const rows = t.events.map((e) =>
      el('tr', { 'data-kind': e.kind, class: e.warnings ? 'warned' : undefined }, [
        el('td', { text: e.date }),
        el('td', { text: e.kind.replace(/_/g, ' ') }),
        el('td', { class: 'num', text: e.amount === undefined ? '' : money(e.amount) }),
        el('td', {}, [document.createTextNode(eventDetail(e.details)), ...(e.warnings || []).map((w) => el('span', { class: 'warning', text: '⚠ ' + w }))]),
      ]),
    );
    $('timeline-body').replaceChildren(
      t.events.length === 0
        ? el('p', { class: 'empty', text: 'Nothing has happened to this claim yet.' })
        : el('table', { id: 'timeline-events' }, [
            el('thead', {}, [el('tr', {}, [el('th', { text: 'Date' }), el('th', { text: 'Event' }), el('th', { class: 'num', text: 'Amount' }), el('th', { text: 'Details' })])]),
            el('tbody', {}, rows),
          ]),
    );
    show('timeline');
    setStatus('');
    document.body.dataset.loaded = 'timeline';
  }

  // --- wiring --------------------------------------------------------------------------------

  const VIEWS = ['filters', 'report', 'late', 'timeline'];

  function show(...ids) {
    for (const id of VIEWS) $(id).hidden = !ids.includes(id);
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  async function route() {
    const match = /^#\/claims\/(.+)$/.exec(location.hash);
    try {
      if (match) await showTimeline(decodeURIComponent(match[1]));
      else await showReport();
    } catch (error) {
      if (error instanceof SessionEnded) {
        setStatus('Your session has ended; sign in again.');
        location.assign('/signin?next=' + encodeURIComponent('/dashboard' + location.hash));
      } else {
        setStatus(error.message || 'Something went wrong.');
      }
    }
  }

  async function downloadCsv(event) {
    event.preventDefault();
    try {
      const csv = await api('/api/metrics/timeliness' + query(), 'text/csv');
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = el('a', { href: url, download: 'timeliness.csv' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setStatus(error.message);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('filter-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (location.hash.startsWith('#/claims/')) location.hash = '#/';
      else void route();
    });
    $('csv').addEventListener('click', downloadCsv);
    window.addEventListener('hashchange', () => void route());
    void route();
  });
})();
