/** A minimal PDF: what `%PDF-` magic bytes detection needs, and enough for a reader to open. */
export function pdfBytes(text = 'Tờ trình'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'utf8',
  );
}

/** A PNG signature and an empty IHDR: enough to be told a PNG by its magic bytes. */
export function pngBytes(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(25),
  ]);
}

/** A ZIP archive holding `names` as empty stored entries (a real central directory, CRC left 0). */
export function zipBytes(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const encoded = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(encoded.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(encoded.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, encoded);
    centrals.push(central, encoded);
    offset += local.length + encoded.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The server's base URL (without /graphql). */
export function baseOf(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '');
}

/** What PUT /files answered. */
export interface Uploaded {
  status: number;
  body: any;
}

/** Uploads bytes with PUT /files as `token`; `unitId` and `name` go in the query string. */
export async function upload(
  graphqlUrl: string,
  token: string | undefined,
  bytes: Buffer,
  query: { name?: string; unitId?: string } = {},
): Promise<Uploaded> {
  const params = new URLSearchParams();
  if (query.name !== undefined) params.set('name', query.name);
  if (query.unitId !== undefined) params.set('unitId', query.unitId);
  const response = await fetch(`${baseOf(graphqlUrl)}/files?${params}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      'accept-language': 'en',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: bytes,
  });
  return { status: response.status, body: await response.json() };
}

/** GET on the server with a token; the raw response. */
export function download(
  graphqlUrl: string,
  token: string | undefined,
  path: string,
): Promise<Response> {
  return fetch(`${baseOf(graphqlUrl)}${path}`, {
    headers: { 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}
