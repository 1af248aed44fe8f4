// A Print-Job to a server queue as any IPP client sends one, and an administrator's printer
// operation, with HTTP Basic credentials: CUPS's ipptool does the IPP (print-job-named.test,
// printer-operation.test), so the tests never encode IPP by hand.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const testFile = new URL('./print-job-named.test', import.meta.url).pathname;
const operationFile = new URL('./printer-operation.test', import.meta.url).pathname;

// Resolves to { status: 0 or ipptool's exit code, text: its report }.
function ipptool(args) {
  return new Promise((resolve) => {
    execFile('ipptool', args, (error, stdout, stderr) => {
      resolve({ status: error ? (error.code ?? 1) : 0, text: `${stdout}${stderr}` });
    });
  });
}

function queueUri(baseUrl, queue, login, password) {
  const { host } = new URL(baseUrl);
  return `ipp://${encodeURIComponent(login)}:${encodeURIComponent(password)}@${host}/ipp/print/${queue}`;
}

// Resolves to { status: 0, text } when the server accepted the job (ipptool's test passed),
// else { status: ipptool's exit code, text: its report }.
export async function ippPrintJob(baseUrl, queue, { login, password, title, document, format }) {
  const dir = mkdtempSync(join(tmpdir(), 'printline-ipp-'));
  const file = join(dir, 'document');
  writeFileSync(file, document);
  try {
    return await ipptool(['-t', '-T', '30', '-f', file, '-d', `title=${title}`, '-d', `format=${format}`,
      queueUri(baseUrl, queue, login, password), testFile]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// operation: 'Pause-Printer', 'Resume-Printer', 'Disable-Printer' or 'Enable-Printer'.
export function ippPrinterOperation(baseUrl, queue, { login, password, operation }) {
  return ipptool(['-t', '-T', '30', '-d', `operation=${operation}`,
    queueUri(baseUrl, queue, login, password), operationFile]);
}
