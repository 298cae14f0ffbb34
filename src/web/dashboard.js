// The finance dashboard: asks for a finance API key (kept in sessionStorage for this tab only),
// reads /api/metrics/timeliness and /api/metrics/late-claims with it, and draws per payer the
// 30- and 90-day paid rates by month against the 90% and 99% targets, the open claims by age and
// the late claims, each linking to its timeline (#/claims/<id>).
//
// Served from the same origin under a strict Content-Security-Policy: no inline script or style,
// every node is built with DOM calls and text goes in through textContent, so nothing the API
// returns is ever parsed as markup.
'use strict';

(function () {
  const KEY_NAME = 'ecm.financeKey';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const TARGETS = { paid30: 90, paid90: 99 };

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (name === 'text') node.textContent = String(value);
      else node.setAttribute(name, String(value));
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- the key -------------------------------------------------------------------------------

  function storedKey() {
    try {
      return sessionStorage.getItem(KEY_NAME) || '';
    } catch (e) {
      return '';
    }
  }

  function forgetKey() {
    try {
      sessionStorage.removeItem(KEY_NAME);
    } catch (e) {
      /* storage disabled: nothing kept */
    }
  }

  class KeyRefused extends Error {}

  async function api(path, accept) {
    const res = await fetch(path, { headers: { authorization: 'Bearer ' + storedKey(), accept: accept || 'application/json' }, cache: 'no-store' });
    if (res.status === 401) throw new KeyRefused('The key was refused. Check it and enter it again.');
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

  // --- formatting ----------------------------------------------------------------------------

  const pct = (rate) => (rate === null || rate === undefined ? '–' : rate + '%');
  const money = (amount) => '$' + Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const monthName = (ym) => {
    if (ym === 'all') return 'All months';
    const [y, m] = ym.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  };

  function windowDetail(w) {
    const parts = [w.within + ' of ' + w.denominator];
    if (w.censored > 0) parts.push(w.censored + ' too recent');
    return parts.join(', ');
  }

  function measure(row, name) {
    if (name === 'paid30') return row.paid.within30;
    if (name === 'paid90') return row.paid.within90;
    if (name === 'adjudicated30') return row.adjudicated.within30;
    return row.adjudicated.within90;
  }

  // --- the report ----------------------------------------------------------------------------

  function rateCell(payerId, row, name) {
    const w = measure(row, name);
    const cls = w.targetMet === null ? 'num' : w.targetMet ? 'num met' : 'num missed';
    return el('td', { class: cls, 'data-payer': payerId, 'data-month': row.receiptMonth, 'data-measure': name, 'data-rate': w.rate === null ? '' : w.rate }, [
      document.createTextNode(pct(w.rate)),
      el('span', { class: 'detail', text: windowDetail(w) }),
    ]);
  }

  function ratesTable(payer) {
    const head = el('tr', {}, [
      el('th', { text: 'Received in' }),
      el('th', { class: 'num', text: 'Claims' }),
      el('th', { class: 'num', text: 'Clean' }),
      el('th', { class: 'num', text: 'Paid ≤ 30 days' }),
      el('th', { class: 'num', text: 'Paid ≤ 90 days' }),
      el('th', { class: 'num', text: 'Decided ≤ 30 days' }),
      el('th', { class: 'num', text: 'Decided ≤ 90 days' }),
    ]);
    const rows = [...payer.months, payer.total].map((row) =>
      el('tr', { class: row.receiptMonth === 'all' ? 'total' : undefined }, [
        el('td', { text: monthName(row.receiptMonth) }),
        el('td', { class: 'num', text: row.claimsReceived }),
        el('td', { class: 'num', text: row.cleanClaimsReceived }),
        rateCell(payer.payerId, row, 'paid30'),
        rateCell(payer.payerId, row, 'paid90'),
        rateCell(payer.payerId, row, 'adjudicated30'),
        rateCell(payer.payerId, row, 'adjudicated90'),
      ]),
    );
    return el('table', { class: 'rates', 'data-payer': payer.payerId }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function agingTable(payer) {
    const open = payer.total.open;
    const rows = open.map((b) =>
      el('tr', { 'data-bucket': b.label }, [el('td', { text: b.label + ' days' }), el('td', { class: 'num', text: b.count }), el('td', { class: 'num', text: money(b.amount) })]),
    );
    const count = open.reduce((n, b) => n + b.count, 0);
    const cents = open.reduce((n, b) => n + Math.round(Number(b.amount) * 100), 0);
    rows.push(el('tr', { class: 'total' }, [el('td', { text: 'Open' }), el('td', { class: 'num', text: count }), el('td', { class: 'num', text: money(cents / 100) })]));
    return el('table', { class: 'aging', 'data-payer': payer.payerId }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'Waiting since receipt' }), el('th', { class: 'num', text: 'Claims' }), el('th', { class: 'num', text: 'Unpaid' })])]),
      el('tbody', {}, rows),
    ]);
  }

  function denialTable(payer) {
    if (payer.denialReasons.length === 0) return el('p', { class: 'empty', text: 'No denials.' });
    return el('table', { class: 'denials' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'CARC' }), el('th', { text: 'Reason' }), el('th', { class: 'num', text: 'Claims' }), el('th', { class: 'num', text: 'Amount' })])]),
      el(
        'tbody',
        {},
        payer.denialReasons.map((r) => el('tr', {}, [el('td', { text: r.code }), el('td', { text: r.description || '' }), el('td', { class: 'num', text: r.claims }), el('td', { class: 'num', text: money(r.amount) })])),
      ),
    ]);
  }

  function tile(label, w, target) {
    const cls = w.targetMet === null ? 'value' : w.targetMet ? 'value met' : 'value missed';
    return el('div', { class: 'tile' }, [
      el('div', { class: 'label', text: label }),
      el('div', { class: cls, text: pct(w.rate) }),
      el('div', { class: 'note', text: 'target ' + target + '% · ' + windowDetail(w) }),
    ]);
  }

  /** Paid-within-30 and -90 rates by month as lines, with the 90% and 99% targets dashed. */
  function rateChart(payer) {
    const months = payer.months;
    const W = 720;
    const H = 280;
    const m = { left: 44, right: 150, top: 16, bottom: 34 };
    const plotW = W - m.left - m.right;
    const plotH = H - m.top - m.bottom;
    // Points keep clear of the axis and of the target labels on the right.
    const inset = 28;
    const x = (i) => m.left + inset + (months.length === 1 ? (plotW - 2 * inset) / 2 : ((plotW - 2 * inset) * i) / (months.length - 1));
    const y = (rate) => m.top + plotH - (plotH * rate) / 100;
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'data-payer': payer.payerId, 'aria-label': 'Paid within 30 and 90 days by month of receipt, ' + payer.payerId });

    for (const tick of [0, 25, 50, 75, 100]) {
      chart.append(svg('line', { class: 'gridline', x1: m.left, x2: m.left + plotW, y1: y(tick), y2: y(tick) }));
      chart.append(svg('text', { x: m.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, tick + '%'));
    }
    chart.append(svg('line', { class: 'axis', x1: m.left, x2: m.left, y1: m.top, y2: m.top + plotH }));
    chart.append(svg('line', { class: 'axis', x1: m.left, x2: m.left + plotW, y1: m.top + plotH, y2: m.top + plotH }));

    // The two targets sit 9 points apart: one label above its line, the other below.
    chart.append(svg('line', { class: 'target target-90', x1: m.left, x2: m.left + plotW, y1: y(TARGETS.paid90), y2: y(TARGETS.paid90) }));
    chart.append(svg('text', { class: 'label-90', x: m.left + plotW + 6, y: y(TARGETS.paid90) - 2 }, '99% within 90 days'));
    chart.append(svg('line', { class: 'target target-30', x1: m.left, x2: m.left + plotW, y1: y(TARGETS.paid30), y2: y(TARGETS.paid30) }));
    chart.append(svg('text', { class: 'label-30', x: m.left + plotW + 6, y: y(TARGETS.paid30) + 12 }, '90% within 30 days'));

    // Past eight months the labels would touch: every other one (or every third...) is shown.
    const step = Math.ceil(months.length / 8);
    months.forEach((row, i) => {
      if (i % step === 0) chart.append(svg('text', { x: x(i), y: m.top + plotH + 18, 'text-anchor': 'middle' }, monthName(row.receiptMonth)));
    });

    for (const [name, days] of [
      ['paid90', '90'],
      ['paid30', '30'],
    ]) {
      // A month with no claim to judge has no rate: the line breaks there.
      let d = '';
      let open = false;
      months.forEach((row, i) => {
        const rate = measure(row, name).rate;
        if (rate === null) {
          open = false;
          return;
        }
        d += (open ? ' L ' : ' M ') + x(i).toFixed(1) + ' ' + y(Number(rate)).toFixed(1);
        open = true;
      });
      if (d !== '') chart.append(svg('path', { class: 'series series-' + days, d: d.trim() }));
      months.forEach((row, i) => {
        const w = measure(row, name);
        if (w.rate === null) return;
        // The 90-day point is drawn first and larger, so it rings the 30-day one where they meet.
        const point = svg('circle', { class: 'point-' + days, cx: x(i), cy: y(Number(w.rate)), r: days === '90' ? 6 : 4, 'data-month': row.receiptMonth, 'data-measure': name, 'data-rate': w.rate });
        point.append(svg('title', {}, monthName(row.receiptMonth) + ': ' + w.rate + '% paid within ' + days + ' days (' + windowDetail(w) + ')'));
        chart.append(point);
      });
    }
    return chart;
  }

  function legend() {
    return el('div', { class: 'legend' }, [
      el('span', {}, [el('span', { class: 'swatch swatch-30' }), document.createTextNode('paid within 30 days')]),
      el('span', {}, [el('span', { class: 'swatch swatch-90' }), document.createTextNode('paid within 90 days')]),
      el('span', { text: 'dashed: targets' }),
    ]);
  }

  let payerNames = {};

  function payerTitle(payerId) {
    const name = payerNames[payerId];
    return name ? name + ' (' + payerId + ')' : 'Payer ' + payerId;
  }

  function payerSection(payer) {
    const total = payer.total;
    const section = el('section', { class: 'payer', 'data-payer': payer.payerId }, [
      el('div', { class: 'payer-head' }, [el('h2', { text: payerTitle(payer.payerId) }), el('span', { class: 'hint', text: total.claimsReceived + ' claims received, ' + total.cleanClaimsReceived + ' clean' })]),
    ]);
    if (payer.months.length === 0) {
      section.append(el('p', { class: 'empty', text: 'No claims received from this payer in the period.' }));
      return section;
    }
    section.append(el('div', { class: 'tiles' }, [tile('Paid within 30 days', total.paid.within30, TARGETS.paid30), tile('Paid within 90 days', total.paid.within90, TARGETS.paid90)]));
    section.append(
      el('div', { class: 'grid' }, [
        el('div', {}, [el('h3', { text: 'Paid rate by month of receipt' }), rateChart(payer), legend()]),
        el('div', {}, [el('h3', { text: 'Open claims by age' }), agingTable(payer), el('h3', { text: 'Denial reasons' }), denialTable(payer)]),
      ]),
    );
    section.append(el('h3', { text: 'By month of receipt' }), ratesTable(payer));
    return section;
  }

  function lateTable(claims) {
    if (claims.length === 0) return el('p', { class: 'empty', text: 'No clean claim has waited 30 days or more.' });
    return el('table', { id: 'late-claims' }, [
      el('thead', {}, [
        el('tr', {}, [
          el('th', { text: 'Claim' }),
          el('th', { text: 'Payer' }),
          el('th', { text: 'Status' }),
          el('th', { text: 'Received' }),
          el('th', { class: 'num', text: 'Days waiting' }),
          el('th', { class: 'num', text: 'Charge' }),
          el('th', { class: 'num', text: 'Unpaid' }),
        ]),
      ]),
      el(
        'tbody',
        {},
        claims.map((c) =>
          el('tr', { 'data-claim': c.claimId }, [
            el('td', {}, [el('a', { href: '#/claims/' + encodeURIComponent(c.claimId), text: c.claimId })]),
            el('td', { text: c.payerId }),
            el('td', { text: c.status }),
            el('td', { text: c.receiptDate }),
            el('td', { class: 'num' + (c.daysSinceReceipt > 90 ? ' missed' : ''), text: c.daysSinceReceipt }),
            el('td', { class: 'num', text: money(c.charge) }),
            el('td', { class: 'num', text: money(c.unpaid) }),
          ]),
        ),
      ),
    ]);
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
    payerNames = Object.assign({}, payerNames, report.payerNames || {});
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
      el('tr', { 'data-kind': e.kind }, [el('td', { text: e.date }), el('td', { text: e.kind.replace(/_/g, ' ') }), el('td', { class: 'num', text: e.amount === undefined ? '' : money(e.amount) }), el('td', { text: eventDetail(e.details) })]),
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

  const VIEWS = ['login', 'filters', 'report', 'late', 'timeline'];

  function show(...ids) {
    for (const id of VIEWS) $(id).hidden = !ids.includes(id);
    $('forget').hidden = storedKey() === '';
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  async function route() {
    if (storedKey() === '') {
      show('login');
      $('key').focus();
      return;
    }
    const match = /^#\/claims\/(.+)$/.exec(location.hash);
    try {
      if (match) await showTimeline(decodeURIComponent(match[1]));
      else await showReport();
    } catch (error) {
      if (error instanceof KeyRefused) {
        forgetKey();
        show('login');
        $('login-error').textContent = error.message;
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
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = $('key').value.trim();
      if (key === '') return;
      try {
        sessionStorage.setItem(KEY_NAME, key);
      } catch (e) {
        $('login-error').textContent = 'This browser does not allow session storage; the dashboard needs it to keep the key.';
        return;
      }
      $('key').value = '';
      $('login-error').textContent = '';
      void route();
    });
    $('forget').addEventListener('click', () => {
      forgetKey();
      location.hash = '';
      void route();
    });
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
