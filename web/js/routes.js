// Every page of the interface: its address, its menu label, and whether it is for
// administrators. Each page is one module under pages/.

import { renderDashboard } from './pages/dashboard.js';
import { renderUsers } from './pages/users.js';
import { renderPrinters } from './pages/printers.js';
import { renderGroups } from './pages/groups.js';
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

export const userMenu = [['/my/jobs', 'My jobs'], ['/my/account', 'My balance']];
export const adminMenu = [
  ['/admin/dashboard', 'Dashboard'], ['/admin/users', 'Users'], ['/admin/printers', 'Printers'],
  ['/admin/groups', 'Groups'], ['/admin/queues', 'Queues'], ['/admin/prices', 'Price list'],
  ['/admin/jobs', 'Jobs'], ['/admin/reports', 'Reports'],
  ['/admin/settings/profiles', 'Settings: Desktop Client'],
  ['/admin/fallback-test', 'Test fallback'], ['/admin/audit', 'Audit log'],
];
