// A minimal IPP Print-Job (RFC 8010 encoding) sent with HTTP Basic, as any IPP client would
// submit to a server queue: enough for the tests to put a job in a hold queue.

function attribute(tag, name, value) {
  const n = Buffer.from(name);
  const v = Buffer.from(value);
  const head = Buffer.alloc(1 + 2);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(n.length, 1);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(v.length, 0);
  return Buffer.concat([head, n, len, v]);
}

// Returns the IPP status code of the answer (0 = successful-ok) and its text.
export async function ippPrintJob(baseUrl, queue, { login, password, title, document, format }) {
  const uri = `${baseUrl.replace(/^http/, 'ipp')}/ipp/print/${queue}`;
  const header = Buffer.alloc(8);
  header.writeUInt8(2, 0); // version 2.0
  header.writeUInt8(0, 1);
  header.writeUInt16BE(0x0002, 2); // Print-Job
  header.writeUInt32BE(1, 4); // request-id
  const body = Buffer.concat([
    header,
    Buffer.from([0x01]), // operation-attributes-tag
    attribute(0x47, 'attributes-charset', 'utf-8'),
    attribute(0x48, 'attributes-natural-language', 'en'),
    attribute(0x45, 'printer-uri', uri),
    attribute(0x42, 'requesting-user-name', login),
    attribute(0x42, 'job-name', title),
    attribute(0x49, 'document-format', format),
    Buffer.from([0x03]), // end-of-attributes-tag
    Buffer.from(document),
  ]);
  const response = await fetch(`${baseUrl}/ipp/print/${queue}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/ipp',
      Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` },
    body,
  });
  const answer = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`IPP answered HTTP ${response.status}: ${answer}`);
  const status = answer.readUInt16BE(2);
  // The status-message, for a failing assertion to show.
  const text = answer.toString("latin1").replace(/[^\x20-\x7e]+/g, " ");
  return { status, text };
}
