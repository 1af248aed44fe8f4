// Test fallback (D9, FP-3): the server probes every fallback printer's effective fallback
// port, and can send a one-page test job; one result per printer.

import { api } from '../api.js';
import { field, form, h, view, section, table } from '../ui.js';

const statusText = {
  reachable: 'Reachable',
  unreachable: 'Unreachable',
  accepted: 'Accepted the test page',
  rejected: 'Rejected',
  misconfigured: 'Misconfigured',
};

export async function renderFallbackTest() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { profiles } = await api.get('/api/v1/profiles');
  const results = h('div', { 'aria-live': 'polite' });
  const testForm = form('Test fallback', [
    field({ name: 'profile', label: 'Profile', type: 'select', value: '',
      options: [['', 'Every profile with fallback enabled'],
        ...profiles.map((p) => [p.id, `${p.name}${p.fallback.enabled ? '' : ' (fallback disabled)'}`])] }),
    field({ name: 'send_test_page', label: 'Send a one-page test job', type: 'checkbox',
      value: false, help: 'Prints a page titled "Printline fallback test" on every reachable printer.' }),
    field({ name: 'timeout_ms', label: 'Timeout per printer (ms)', type: 'number', min: 100,
      max: 30000, value: 2000 }),
  ], 'Test fallback', async (v) => {
    results.replaceChildren(h('p', {}, 'Testing…'));
    const body = { send_test_page: v.send_test_page, timeout_ms: v.timeout_ms ?? 2000 };
    if (v.profile) body.profile = Number(v.profile);
    const answer = await api.post('/api/v1/admin/fallback-test', body);
    results.replaceChildren(section('Results', table([
      { label: 'Profile', value: (r) => r.profile },
      { label: 'Printer', value: (r) => r.printer },
      { label: 'Fallback address', value: (r) => r.device_uri || '–' },
      { label: 'Result', value: (r) => h('strong', { class: `status-${r.status}` },
        statusText[r.status] || r.status) },
      { label: 'Details', value: (r) => [r.message,
        r.test_page ? ` Test page: ${r.test_page.outcome}.` : '',
        r.test_page && r.test_page.message && r.test_page.message !== r.message
          ? ` ${r.test_page.message}` : '',
        r.may_be_counted_twice ? ' Jobs may be counted twice on this printer.' : ''].join('') },
      { label: 'Time', value: (r) => `${r.ms} ms` },
    ], answer.results, 'No fallback printer to test: enable fallback printing in a profile ' +
      'and give it printers.')));
  });
  showPage('Test fallback', h('p', { class: 'help' }, 'Always test before putting fallback ' +
    'printing into production (FP-3): a device that only accepts jobs from its accounting ' +
    'server shows here as rejected.'), testForm, results);
}
