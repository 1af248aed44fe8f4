// A real OpenLDAP for the web tests and screenshots: printline-peers ldap (tests/support's
// slapd with three people, user00001…, and the group "finance"), and the server's directory
// source "corp" reading it.

import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// printline-peers ldap: "ldap <uri> <suffix> <admin dn> <admin password>", then "ready".
export async function startLdap() {
  const binary = process.env.PRINTLINE_PEERS;
  if (!binary) throw new Error('Set PRINTLINE_PEERS to the printline-peers binary (ctest does).');
  const child = spawn(binary, ['ldap'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ldap = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`printline-peers did not start:\n${out}`)), 30000);
    const read = (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('ldap '));
      if (line && out.includes('ready')) {
        clearTimeout(timer);
        const [, uri, suffix, adminDn, password] = line.split(' ');
        resolve({ uri, suffix, adminDn, password });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`printline-peers exited ${code}:\n${out}`)); });
  });
  return { ...ldap, stop: () => { child.removeAllListeners('exit'); child.kill('SIGTERM'); } };
}

// The source "corp" for the server's configuration, its bind password in a private file
// under `secretsDir`; synced on demand only, so a test decides when.
export function directorySource(ldap, secretsDir) {
  const passwordFile = join(secretsDir, 'bind.secret');
  writeFileSync(passwordFile, `${ldap.password}\n`);
  chmodSync(passwordFile, 0o600);
  return { name: 'corp', uri: ldap.uri, starttls: false, bind_dn: ldap.adminDn,
    bind_password_file: passwordFile, base_dn: `ou=people,${ldap.suffix}`,
    group_base_dn: `ou=groups,${ldap.suffix}`, sync_interval_seconds: 0 };
}
