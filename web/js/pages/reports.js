// Accounting reports: printed jobs summed per user, printer, day, week or month, with a bar
// chart (inline SVG) and the CSV the API exports.

import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, money, number, view, table } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// A horizontal bar per row, cost and pages in the label; readable without colour.
function chart(rows) {
  const bar = 22;
  const width = 640;
  const labelWidth = 160;
  const max = Math.max(1, ...rows.map((r) => r.cost_cents));
  const height = rows.length * (bar + 8) + 8;
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': t('reports.chart', { rows: rows.map((r) => `${r.key} ${money(r.cost_cents)}`).join(', ') }) },
  ...rows.map((r, i) => {
    const y = 8 + i * (bar + 8);
    const w = Math.max(2, ((width - labelWidth - 150) * r.cost_cents) / max);
    return svg('g', {},
      svg('text', { x: labelWidth - 8, y: y + bar * 0.7, 'text-anchor': 'end' }, r.key),
      svg('rect', { x: labelWidth, y, width: w, height: bar, rx: 3, class: 'bar' }),
      svg('text', { x: labelWidth + w + 6, y: y + bar * 0.7 },
        t('reports.bar', { cost: money(r.cost_cents), pages: number(r.pages) })));
  }));
}

function dayStart(date, plusDays = 0) {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

export async function renderReports() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const out = h('div', { 'aria-live': 'polite' });
  const load = async (v) => {
    const grouping = v.grouping || 'user';
    const params = { origin: v.origin, from: dayStart(v.from), to: dayStart(v.to, 1) };
    const report = await api.get(`/api/v1/reports/${grouping}${query(params)}`);
    const csv = `/api/v1/reports/${grouping}${query({ ...params, format: 'csv' })}`;
    out.replaceChildren(
      report.rows.length ? chart(report.rows) : null,
      table([
        { label: t(`reports.per_${grouping.replace('-', '_')}`), value: (r) => r.key },
        { label: t('column.jobs'), value: (r) => number(r.jobs) },
        { label: t('column.pages'), value: (r) => number(r.pages) },
        { label: t('reports.colour_pages'), value: (r) => number(r.color_pages) },
        { label: t('reports.duplex_pages'), value: (r) => number(r.duplex_pages ?? 0) },
        { label: t('column.cost'), value: (r) => money(r.cost_cents) },
      ], report.rows, t('reports.none')),
      h('p', {}, h('a', { href: csv, download: `printline-report-${grouping}.csv`, class: 'button' },
        t('reports.export'))));
  };
  const filter = form(t('reports.form'), [h('div', { class: 'filters' },
    field({ name: 'grouping', label: t('reports.per'), type: 'select', value: 'user',
      options: ['user', 'user-group', 'printer', 'day', 'week', 'month'].map((g) => [g, t(`reports.per_${g.replace('-', '_')}`)]) }),
    field({ name: 'origin', label: t('column.origin'), type: 'select', value: '',
      options: [['', t('jobs.filter_any_origin')], ['server', t('origin.server_filter')],
        ['fallback', t('origin.fallback_filter')]] }),
    field({ name: 'from', label: t('jobs.filter_from'), type: 'date' }),
    field({ name: 'to', label: t('jobs.filter_to'), type: 'date' }))], t('reports.show'), load);
  showPage(t('reports.title'), filter, out);
  await load({});
}
