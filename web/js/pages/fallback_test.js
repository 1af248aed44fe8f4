// Test fallback (D9, FP-3): the server probes every fallback printer's effective fallback
// port, and can send a one-page test job; one result per printer.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, view, section, table } from '../ui.js';

const statuses = ['reachable', 'unreachable', 'accepted', 'rejected', 'misconfigured'];
const statusText = (status) => (statuses.includes(status) ? t(`test_status.${status}`) : status);

function details(r) {
  const parts = [r.message];
  if (r.test_page) parts.push(t('fallback_test.test_page', { outcome: r.test_page.outcome }));
  if (r.test_page && r.test_page.message && r.test_page.message !== r.message) parts.push(r.test_page.message);
  if (r.may_be_counted_twice) parts.push(t('fallback_test.counted_twice'));
  return parts.filter(Boolean).join(' ');
}

export async function renderFallbackTest() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { profiles } = await api.get('/api/v1/profiles');
  const results = h('div', { 'aria-live': 'polite' });
  const testForm = form(t('fallback_test.title'), [
    field({ name: 'profile', label: t('column.profile'), type: 'select', value: '',
      options: [['', t('fallback_test.every_profile')],
        ...profiles.map((p) => [p.id, p.fallback.enabled ? p.name
          : t('fallback_test.profile_disabled', { name: p.name })])] }),
    field({ name: 'send_test_page', label: t('fallback_test.send_page'), type: 'checkbox',
      value: false, help: t('fallback_test.send_page_help') }),
    field({ name: 'timeout_ms', label: t('fallback_test.timeout'), type: 'number', min: 100,
      max: 30000, value: 2000 }),
  ], t('fallback_test.submit'), async (v) => {
    results.replaceChildren(h('p', {}, t('fallback_test.testing')));
    const body = { send_test_page: v.send_test_page, timeout_ms: v.timeout_ms ?? 2000 };
    if (v.profile) body.profile = Number(v.profile);
    const answer = await api.post('/api/v1/admin/fallback-test', body);
    results.replaceChildren(section(t('fallback_test.results'), table([
      { label: t('column.profile'), value: (r) => r.profile },
      { label: t('column.printer'), value: (r) => r.printer },
      { label: t('column.fallback_address'), value: (r) => r.device_uri || '–' },
      { label: t('column.result'), value: (r) => h('strong', { class: `status-${r.status}` },
        statusText(r.status)) },
      { label: t('column.details'), value: details },
      { label: t('column.time'), value: (r) => t('fallback_test.ms', { ms: r.ms }) },
    ], answer.results, t('fallback_test.nothing'))));
  });
  showPage(t('fallback_test.title'), h('p', { class: 'help' }, t('fallback_test.help')),
    testForm, results);
}
