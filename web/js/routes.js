// Every page of the interface: its address, its menu label's catalog key, and whether it is for
// administrators. Each page is one module under pages/.

import { renderDashboard } from './pages/dashboard.js';
import { renderUsers } from './pages/users.js';
import { renderPrinters } from './pages/printers.js';
import { renderGroups } from './pages/groups.js';
import { renderUserGroups } from './pages/user_groups.js';
import { renderQueues } from './pages/queues.js';
import { renderPrices } from './pages/prices.js';
import { renderJobs } from './pages/jobs.js';
import { renderReports } from './pages/reports.js';
import { renderProfiles } from './pages/profiles.js';
import { renderFallbackTest } from './pages/fallback_test.js';
import { renderAudit } from './pages/audit.js';
import { renderMyJobs } from './pages/my_jobs.js';
import { renderMyAccount } from './pages/my_account.js';

export const routes = {
  '/my/jobs': { render: renderMyJobs },
  '/my/account': { render: renderMyAccount },
  '/admin/dashboard': { admin: true, render: renderDashboard },
  '/admin/users': { admin: true, render: renderUsers },
  '/admin/user-groups': { admin: true, render: renderUserGroups },
  '/admin/printers': { admin: true, render: renderPrinters },
  '/admin/groups': { admin: true, render: renderGroups },
  '/admin/queues': { admin: true, render: renderQueues },
  '/admin/prices': { admin: true, render: renderPrices },
  '/admin/jobs': { admin: true, render: renderJobs },
  '/admin/reports': { admin: true, render: renderReports },
  '/admin/settings/profiles': { admin: true, render: renderProfiles },
  '/admin/fallback-test': { admin: true, render: renderFallbackTest },
  '/admin/audit': { admin: true, render: renderAudit },
};

// Menu entries: [address, catalog key of the label].
export const userMenu = [['/my/jobs', 'menu.my_jobs'], ['/my/account', 'menu.my_balance']];
export const adminMenu = [
  ['/admin/dashboard', 'menu.dashboard'], ['/admin/users', 'menu.users'],
  ['/admin/user-groups', 'menu.user_groups'],
  ['/admin/printers', 'menu.printers'], ['/admin/groups', 'menu.groups'],
  ['/admin/queues', 'menu.queues'], ['/admin/prices', 'menu.prices'],
  ['/admin/jobs', 'menu.jobs'], ['/admin/reports', 'menu.reports'],
  ['/admin/settings/profiles', 'menu.profiles'],
  ['/admin/fallback-test', 'menu.fallback_test'], ['/admin/audit', 'menu.audit'],
];
