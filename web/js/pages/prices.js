// The price list: a price per page for each paper and colour, and the duplex discount.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, money, notice, view } from '../ui.js';

const papers = ['A5', 'A4', 'A3', 'A2', 'A1', 'A0', 'Letter', 'Legal', 'Tabloid'];
let rowCounter = 0;

function priceRow(entry) {
  const n = ++rowCounter;
  const row = h('div', { class: 'price-row', role: 'group', 'aria-label': t('prices.row', { n }) },
    field({ name: `paper-${n}`, label: t('prices.paper'), type: 'select', value: entry.paper,
      options: papers.map((p) => [p, p]) }),
    field({ name: `color-${n}`, label: t('prices.colour'), type: 'checkbox', value: entry.color }),
    field({ name: `price-${n}`, label: t('prices.per_page'), type: 'number', min: 0, step: '0.01',
      value: (entry.cents_per_page / 100).toFixed(2) }),
    h('button', { type: 'button', class: 'danger', onclick: () => row.remove() }, t('prices.remove')));
  row.dataset.row = String(n);
  return row;
}

export async function renderPrices(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const list = await api.get('/api/v1/price-list');
  const rows = h('div', { class: 'price-rows', dataset: { field: 'prices' } },
    h('p', { class: 'field-error', 'aria-live': 'polite' }),
    list.prices.map(priceRow));
  const priceForm = form(t('prices.title'), [rows,
    h('button', { type: 'button', onclick: () => rows.append(priceRow({ paper: 'A4', color: false, cents_per_page: 0 })) },
      t('prices.add')),
    field({ name: 'duplex_discount_percent', label: t('prices.duplex_discount'), type: 'number', min: 0,
      max: 100, value: list.duplex_discount_percent })],
  t('prices.save'), async (v) => {
    const prices = [...rows.querySelectorAll('.price-row')].map((row) => {
      const n = row.dataset.row;
      return { paper: v[`paper-${n}`], color: v[`color-${n}`],
        cents_per_page: Math.round((v[`price-${n}`] ?? 0) * 100) };
    });
    const saved = await api.put('/api/v1/price-list',
      { prices, duplex_discount_percent: v.duplex_discount_percent ?? 0 });
    renderPrices(t('prices.saved', { count: saved.prices.length }));
  });
  showPage(t('prices.title'), typeof news === 'string' ? notice('ok', news) : null,
    h('p', { class: 'help' }, t('prices.help', { example: money(10) })), priceForm);
}
