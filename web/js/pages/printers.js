// Printers: every attribute of docs/api.md's Printer, including the vendor, the Kyocera
// device spooling port (FP-9), whether fallback printing may use the printer, and the language
// RAW/LPR printers are sent and the paper sizes the printer takes (D11).

import { api } from '../api.js';
import { field, form, h, notice, view, section, table } from '../ui.js';

const papers = ['A5', 'A4', 'A3', 'A2', 'A1', 'A0', 'Letter', 'Legal', 'Tabloid'];
const languages = [['auto', 'auto (the document as it is)'], ['pdf', 'PDF'],
  ['postscript', 'PostScript'], ['pcl-xl', 'PCL-XL (PCL 6)'], ['pcl5', 'PCL 5']];

// "A4, A3" → ['A4', 'A3']; empty → [] (any size up to the largest paper).
function paperList(text) {
  return (text || '').split(',').map((x) => x.trim()).filter((x) => x);
}

function paperText(p) {
  if (p.paper_sizes && p.paper_sizes.length) return p.paper_sizes.join(', ');
  return `up to ${p.largest_paper}` + (p.large_format ? ' (large format)' : '');
}

function printerBody(v) {
  return {
    name: v.name, device_uri: v.device_uri, vendor: v.vendor, location: v.location,
    color: v.color, duplex: v.duplex, largest_paper: v.largest_paper,
    paper_sizes: paperList(v.paper_sizes), language: v.language,
    fallback_allowed: v.fallback_allowed,
    spooling_port: v.has_spooling_port
      ? { protocol: v['spooling_port.protocol'], port: v['spooling_port.port'] ?? 0,
        queue: v['spooling_port.queue'] }
      : null,
  };
}

function printerForm(printer, onSaved) {
  const p = printer || { color: false, duplex: false, largest_paper: 'A4', fallback_allowed: true,
    language: 'auto', paper_sizes: [] };
  const port = p.spooling_port || { protocol: 'LPR', port: 515, queue: '' };
  const spooling = h('fieldset', { class: 'group', dataset: { field: 'spooling_port' } },
    h('legend', {}, 'Kyocera device spooling port (FP-9)'),
    field({ name: 'has_spooling_port', label: 'This printer has a device spooling port',
      type: 'checkbox', value: !!p.spooling_port,
      help: 'Fallback to a Kyocera device goes to this port so jobs are not counted twice.' }),
    field({ name: 'spooling_port.protocol', label: 'Protocol', type: 'select', value: port.protocol,
      options: [['RAW', 'RAW (AppSocket)'], ['LPR', 'LPR'], ['IPP', 'IPP']] }),
    field({ name: 'spooling_port.port', label: 'Port', type: 'number', min: 1, max: 65535,
      value: port.port }),
    field({ name: 'spooling_port.queue', label: 'Queue', value: port.queue }));
  const el = form(printer ? `Edit printer ${p.name}` : 'Add a printer', [
    field({ name: 'name', label: 'Name', value: p.name, required: true }),
    field({ name: 'device_uri', label: 'Device URI', value: p.device_uri, required: true,
      placeholder: 'socket://10.0.0.5:9100',
      help: 'socket://host:9100, lpd://host:515/queue, ipp://host:631/ipp/print or ipps://…' }),
    field({ name: 'vendor', label: 'Vendor', value: p.vendor, placeholder: 'Kyocera' }),
    field({ name: 'location', label: 'Location', value: p.location }),
    field({ name: 'largest_paper', label: 'Largest paper', type: 'select', value: p.largest_paper,
      options: papers.map((x) => [x, x]) }),
    field({ name: 'paper_sizes', label: 'Paper sizes it takes', value: (p.paper_sizes || []).join(', '),
      placeholder: 'A4, A3',
      help: 'Comma-separated; empty: any size up to the largest paper. A job asking for ' +
        'another size is refused before it prints.' }),
    field({ name: 'language', label: 'Language (RAW and LPR printers)', type: 'select',
      value: p.language || 'auto', options: languages,
      help: 'Documents are converted to this language with Ghostscript before they leave; ' +
        'auto sends them as they are. IPP printers say what they accept themselves.' }),
    field({ name: 'color', label: 'Colour', type: 'checkbox', value: p.color }),
    field({ name: 'duplex', label: 'Duplex', type: 'checkbox', value: p.duplex }),
    field({ name: 'fallback_allowed', label: 'Fallback printing allowed', type: 'checkbox',
      value: p.fallback_allowed,
      help: 'Desktop clients may print here while the server is down. Turn on "accept jobs ' +
        'from unknown sources" on the device (FP-3).' }),
    spooling,
  ], printer ? 'Save printer' : 'Add printer', async (v) => {
    const body = printerBody(v);
    const saved = printer
      ? await api.patch(`/api/v1/printers/${printer.id}`, body)
      : await api.post('/api/v1/printers', body);
    onSaved(`Printer "${saved.name}" saved.`);
  });
  // The port's fields only mean something when the printer has one.
  const toggle = () => {
    const on = el.querySelector('input[name="has_spooling_port"]').checked;
    for (const input of spooling.querySelectorAll('[name^="spooling_port."]')) input.disabled = !on;
  };
  el.addEventListener('change', toggle);
  toggle();
  return el;
}

export async function renderPrinters(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { printers } = await api.get('/api/v1/printers');
  const formSlot = h('div', {});
  const reload = (message) => renderPrinters(message);
  const show = (printer) => {
    formSlot.replaceChildren(printerForm(printer, reload));
    formSlot.querySelector('input').focus();
  };
  const list = table([
    { label: 'Name', value: (p) => p.name },
    { label: 'Device URI', value: (p) => p.device_uri },
    { label: 'Vendor', value: (p) => p.vendor || '–' },
    { label: 'Colour', value: (p) => (p.color ? 'colour' : 'black & white') },
    { label: 'Language', value: (p) => p.language || 'auto' },
    { label: 'Paper', value: paperText },
    { label: 'Duplex', value: (p) => (p.duplex ? 'yes' : 'no') },
    { label: 'Location', value: (p) => p.location || '–' },
    { label: 'Fallback', value: (p) => (p.fallback_allowed ? 'allowed' : 'not allowed') },
    { label: 'Spooling port', value: (p) => (p.spooling_port
      ? `${p.spooling_port.protocol} ${p.spooling_port.port} ${p.spooling_port.queue}` : '–') },
    { label: 'Actions', value: (p) => h('span', { class: 'row-actions' },
      h('button', { type: 'button', onclick: () => show(p) }, `Edit ${p.name}`),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Delete printer "${p.name}"?`)) return;
        try { await api.del(`/api/v1/printers/${p.id}`); reload(`Printer "${p.name}" deleted.`); }
        catch (problem) { formSlot.replaceChildren(notice('error', problem.message)); }
      } }, `Delete ${p.name}`)) },
  ], printers, 'No printers yet: add the first one below.');
  showPage('Printers', typeof news === 'string' ? notice('ok', news) : null,
    section('All printers', list,
      h('button', { type: 'button', onclick: () => show(null) }, 'Add a printer')),
    formSlot);
  if (!printers.length) show(null);
}

