// The dashboard's chart of each payer's paid-within-30 and -90 rates by month of receipt, and the
// formatting of months and rates that the page (dashboard.js, loaded after this file) shares
// with it. Exposed as window.EcmChart; built with DOM calls only, like the page.
//
// A payer with one month of data gets bars, each labelled with its rate: a line needs two points,
// and one dot alone on an empty plot reads as nothing. With several months, lines join the
// months that have a rate; a month whose neighbours have none stands alone, so it is labelled.
'use strict';

(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const TARGETS = { paid30: 90, paid90: 99 };
  const SERIES = [
    ['paid90', '90'],
    ['paid30', '30'],
  ];

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

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

  const tooltip = (row, w, days) => monthName(row.receiptMonth) + ': ' + w.rate + '% paid within ' + days + ' days (' + windowDetail(w) + ')';

  /** The frame every chart shares: percent grid, axes, and the two targets dashed. */
  function frame(payer, g) {
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + g.W + ' ' + g.H, role: 'img', 'data-payer': payer.payerId, 'aria-label': 'Paid within 30 and 90 days by month of receipt, ' + payer.payerId });
    for (const tick of [0, 25, 50, 75, 100]) {
      chart.append(svg('line', { class: 'gridline', x1: g.left, x2: g.left + g.plotW, y1: g.y(tick), y2: g.y(tick) }));
      chart.append(svg('text', { x: g.left - 6, y: g.y(tick) + 4, 'text-anchor': 'end' }, tick + '%'));
    }
    chart.append(svg('line', { class: 'axis', x1: g.left, x2: g.left, y1: g.top, y2: g.top + g.plotH }));
    chart.append(svg('line', { class: 'axis', x1: g.left, x2: g.left + g.plotW, y1: g.top + g.plotH, y2: g.top + g.plotH }));
    // The two targets sit 9 points apart: one label above its line, the other below.
    chart.append(svg('line', { class: 'target target-90', x1: g.left, x2: g.left + g.plotW, y1: g.y(TARGETS.paid90), y2: g.y(TARGETS.paid90) }));
    chart.append(svg('text', { class: 'label-90', x: g.left + g.plotW + 6, y: g.y(TARGETS.paid90) - 2 }, '99% within 90 days'));
    chart.append(svg('line', { class: 'target target-30', x1: g.left, x2: g.left + g.plotW, y1: g.y(TARGETS.paid30), y2: g.y(TARGETS.paid30) }));
    chart.append(svg('text', { class: 'label-30', x: g.left + g.plotW + 6, y: g.y(TARGETS.paid30) + 12 }, '90% within 30 days'));
    return chart;
  }

  function geometry() {
    const g = { W: 720, H: 280, left: 44, right: 150, top: 16, bottom: 34 };
    g.plotW = g.W - g.left - g.right;
    g.plotH = g.H - g.top - g.bottom;
    g.y = (rate) => g.top + g.plotH - (g.plotH * rate) / 100;
    return g;
  }

  /** One month: a bar per window, its rate written above it, or why there is none. */
  function bars(chart, row, g) {
    const width = 64;
    const gap = 28;
    const centre = g.left + g.plotW / 2;
    SERIES.slice()
      .reverse()
      .forEach(([name, days], i) => {
        const x = centre + (i === 0 ? -width - gap / 2 : gap / 2);
        const w = measure(row, name);
        const labelY = g.top + g.plotH + 16;
        chart.append(svg('text', { x: x + width / 2, y: labelY, 'text-anchor': 'middle' }, days + ' days'));
        if (w.rate === null) {
          chart.append(svg('text', { class: 'no-rate', x: x + width / 2, y: g.y(8), 'text-anchor': 'middle' }, 'no rate yet'));
          return;
        }
        const top = g.y(Number(w.rate));
        // A 0% rate still shows a sliver, so the bar reads as "measured, none", not as missing.
        const height = Math.max(g.top + g.plotH - top, 2);
        const bar = svg('rect', { class: 'bar bar-' + days, x, y: g.top + g.plotH - height, width, height, 'data-month': row.receiptMonth, 'data-measure': name, 'data-rate': w.rate });
        bar.append(svg('title', {}, tooltip(row, w, days)));
        chart.append(bar);
        chart.append(svg('text', { class: 'value label-' + days, x: x + width / 2, y: g.top + g.plotH - height - 6, 'text-anchor': 'middle' }, w.rate + '%'));
      });
    chart.append(svg('text', { class: 'month', x: centre, y: g.top + g.plotH + 30, 'text-anchor': 'middle' }, monthName(row.receiptMonth)));
  }

  /** Several months: a line per window through the months that have a rate. */
  function lines(chart, months, g) {
    // Points keep clear of the axis and of the target labels on the right.
    const inset = 28;
    const x = (i) => g.left + inset + ((g.plotW - 2 * inset) * i) / (months.length - 1);
    // Past eight months the labels would touch: every other one (or every third...) is shown.
    const step = Math.ceil(months.length / 8);
    months.forEach((row, i) => {
      if (i % step === 0) chart.append(svg('text', { x: x(i), y: g.top + g.plotH + 18, 'text-anchor': 'middle' }, monthName(row.receiptMonth)));
    });
    for (const [name, days] of SERIES) {
      const rated = (i) => i >= 0 && i < months.length && measure(months[i], name).rate !== null;
      // A month with no claim to judge has no rate: the line breaks there.
      let d = '';
      months.forEach((row, i) => {
        if (!rated(i)) return;
        d += (rated(i - 1) ? ' L ' : ' M ') + x(i).toFixed(1) + ' ' + g.y(Number(measure(row, name).rate)).toFixed(1);
      });
      if (d !== '') chart.append(svg('path', { class: 'series series-' + days, d: d.trim() }));
      months.forEach((row, i) => {
        const w = measure(row, name);
        if (w.rate === null) return;
        // The 90-day point is drawn first and larger, so it rings the 30-day one where they meet.
        const point = svg('circle', { class: 'point-' + days, cx: x(i), cy: g.y(Number(w.rate)), r: days === '90' ? 6 : 4, 'data-month': row.receiptMonth, 'data-measure': name, 'data-rate': w.rate });
        point.append(svg('title', {}, tooltip(row, w, days)));
        chart.append(point);
        if (!rated(i - 1) && !rated(i + 1)) {
          const above = days === '90';
          chart.append(svg('text', { class: 'value label-' + days, x: x(i) + 9, y: g.y(Number(w.rate)) + (above ? -6 : 14) }, w.rate + '%'));
        }
      });
    }
  }

  function rateChart(payer) {
    const g = geometry();
    const chart = frame(payer, g);
    const months = payer.months;
    if (months.length === 1) bars(chart, months[0], g);
    else lines(chart, months, g);
    if (months.length > 1 && months.every((row) => row.paid.within30.rate === null && row.paid.within90.rate === null)) {
      chart.append(svg('text', { class: 'no-rate', x: g.left + g.plotW / 2, y: g.top + g.plotH / 2, 'text-anchor': 'middle' }, 'No month has a rate yet'));
    }
    return chart;
  }

  window.EcmChart = { rateChart, monthName, measure, windowDetail, TARGETS };
})();
