// The price list: a price per page for each paper and colour, and the duplex discount.

import { api } from '../api.js';
import { field, form, h, money, notice, view } from '../ui.js';

const papers = ['A5', 'A4', 'A3', 'A2', 'A1', 'A0', 'Letter', 'Legal', 'Tabloid'];
let rowCounter = 0;

function priceRow(entry) {
  const n = ++rowCounter;
  const row = h('div', { class: 'price-row', role: 'group', 'aria-label': `Price ${n}` },
    field({ name: `paper-${n}`, label: 'Paper', type: 'select', value: entry.paper,
      options: papers.map((p) => [p, p]) }),
    field({ name: `color-${n}`, label: 'Colour', type: 'checkbox', value: entry.color }),
    field({ name: `price-${n}`, label: 'Price per page', type: 'number', min: 0, step: '0.01',
      value: (entry.cents_per_page / 100).toFixed(2) }),
    h('button', { type: 'button', class: 'danger', onclick: () => row.remove() }, 'Remove'));
  row.dataset.row = String(n);
  return row;
}

export async function renderPrices(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const list = await api.get('/api/v1/price-list');
  const rows = h('div', { class: 'price-rows', dataset: { field: 'prices' } },
    h('p', { class: 'field-error', 'aria-live': 'polite' }),
    list.prices.map(priceRow));
  const priceForm = form('Price list', [rows,
    h('button', { type: 'button', onclick: () => rows.append(priceRow({ paper: 'A4', color: false, cents_per_page: 0 })) },
      'Add a price'),
    field({ name: 'duplex_discount_percent', label: 'Duplex discount (%)', type: 'number', min: 0,
      max: 100, value: list.duplex_discount_percent })],
  'Save price list', async (v) => {
    const prices = [...rows.querySelectorAll('.price-row')].map((row) => {
      const n = row.dataset.row;
      return { paper: v[`paper-${n}`], color: v[`color-${n}`],
        cents_per_page: Math.round((v[`price-${n}`] ?? 0) * 100) };
    });
    const saved = await api.put('/api/v1/price-list',
      { prices, duplex_discount_percent: v.duplex_discount_percent ?? 0 });
    renderPrices(`Price list saved: ${saved.prices.length} price(s).`);
  });
  showPage('Price list', typeof news === 'string' ? notice('ok', news) : null,
    h('p', { class: 'help' }, `Prices per page, e.g. A4 black & white ${money(10)}. A job whose ` +
      'paper and colour have no price is refused, never printed for free.'), priceForm);
}
