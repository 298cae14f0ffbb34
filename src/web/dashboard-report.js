// The dashboard's report: one section per payer (rate and money tiles, the chart of
// dashboard-chart.js, open claims by age, denial reasons, the rates and money by month of
// receipt) and the table of late claims. Exposed as window.EcmReport for dashboard.js, with the
// DOM and money helpers the page shares. Text goes in through textContent only.
'use strict';

(function () {
  const { rateChart, monthName, measure, windowDetail, TARGETS } = window.EcmChart;

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

  // --- formatting ----------------------------------------------------------------------------

  const count = (n, noun) => n + ' ' + noun + (n === 1 ? '' : 's');
  const pct = (rate) => (rate === null || rate === undefined ? '–' : rate + '%');
  const money = (amount) => '$' + Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const AMOUNTS = [
    ['billed', 'Billed'],
    ['paid', 'Paid'],
    ['outstanding', 'Outstanding'],
  ];

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
      ...AMOUNTS.map(([, label]) => el('th', { class: 'num', text: label })),
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
        ...AMOUNTS.map(([name]) => el('td', { class: 'num', 'data-payer': payer.payerId, 'data-month': row.receiptMonth, 'data-amount': name, text: money(row.amounts[name]) })),
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

  const AMOUNT_NOTES = { billed: 'charges of the claims received', paid: 'net of reversals', outstanding: 'not yet paid or denied' };

  function amountTile(payerId, amounts, name, label) {
    return el('div', { class: 'tile amount', 'data-payer': payerId, 'data-amount': name }, [
      el('div', { class: 'label', text: label }),
      el('div', { class: 'value', text: money(amounts[name]) }),
      el('div', { class: 'note', text: AMOUNT_NOTES[name] }),
    ]);
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
      el('div', { class: 'payer-head' }, [el('h2', { text: payerTitle(payer.payerId) }), el('span', { class: 'hint', text: count(total.claimsReceived, 'claim') + ' received, ' + total.cleanClaimsReceived + ' clean' })]),
    ]);
    if (payer.months.length === 0) {
      section.append(el('p', { class: 'empty', text: 'No claims received from this payer in the period.' }));
      return section;
    }
    section.append(
      el('div', { class: 'tiles' }, [
        tile('Paid within 30 days', total.paid.within30, TARGETS.paid30),
        tile('Paid within 90 days', total.paid.within90, TARGETS.paid90),
        ...AMOUNTS.map(([name, label]) => amountTile(payer.payerId, total.amounts, name, label)),
      ]),
    );
    if (total.dateAnomalies > 0) {
      section.append(el('p', { class: 'warning', text: count(total.dateAnomalies, 'clean claim') + ' left out of the rates: a payer date falls before the claim was sent (see the payer files).' }));
    }
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

  function rememberPayerNames(names) {
    payerNames = Object.assign({}, payerNames, names);
  }

  window.EcmReport = { el, money, payerSection, lateTable, payerTitle, rememberPayerNames };
})();
