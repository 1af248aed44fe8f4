// A Print-Job to a server queue as any IPP client sends one, with HTTP Basic credentials:
// CUPS's ipptool does the IPP (print-job-named.test), so the tests never encode IPP by hand.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const testFile = new URL('./print-job-named.test', import.meta.url).pathname;

// Resolves to { status: 0, text } when the server accepted the job (ipptool's test passed),
// else { status: ipptool's exit code, text: its report }.
export async function ippPrintJob(baseUrl, queue, { login, password, title, document, format }) {
  const dir = mkdtempSync(join(tmpdir(), 'printline-ipp-'));
  const file = join(dir, 'document');
  writeFileSync(file, document);
  const { host } = new URL(baseUrl);
  const uri = `ipp://${encodeURIComponent(login)}:${encodeURIComponent(password)}@${host}/ipp/print/${queue}`;
  try {
    return await new Promise((resolve) => {
      execFile('ipptool', ['-t', '-T', '30', '-f', file, '-d', `title=${title}`, '-d', `format=${format}`,
        uri, testFile], (error, stdout, stderr) => {
        resolve({ status: error ? (error.code ?? 1) : 0, text: `${stdout}${stderr}` });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
