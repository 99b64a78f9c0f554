import type { FileHandle } from 'node:fs/promises';

/** The content types an upload may have, found from its bytes (never from what the client says). */
export const ALLOWED_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The file extension usually given to each allowed type. */
export const EXTENSIONS: Record<string, string> = {
  [ALLOWED_TYPES.pdf]: 'pdf',
  [ALLOWED_TYPES.png]: 'png',
  [ALLOWED_TYPES.jpeg]: 'jpg',
  [ALLOWED_TYPES.docx]: 'docx',
  [ALLOWED_TYPES.xlsx]: 'xlsx',
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The content type of a stored file from its magic bytes: PDF (`%PDF-`),
 * PNG, JPEG, and Office Open XML documents, which are ZIP archives told
 * apart by the part they hold (`word/document.xml` or `xl/workbook.xml`,
 * read from the archive's central directory). Null for anything else,
 * including other ZIP archives and the old binary Word and Excel formats.
 */
export async function detectContentType(file: FileHandle, size: number): Promise<string | null> {
  const head = Buffer.alloc(Math.min(8, size));
  await file.read(head, 0, head.length, 0);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return ALLOWED_TYPES.pdf;
  if (head.length === 8 && head.equals(PNG)) return ALLOWED_TYPES.png;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return ALLOWED_TYPES.jpeg;
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const names = await zipEntryNames(file, size);
    if (names.includes('word/document.xml')) return ALLOWED_TYPES.docx;
    if (names.includes('xl/workbook.xml')) return ALLOWED_TYPES.xlsx;
  }
  return null;
}

/** The entry names of a ZIP archive's central directory; empty when it cannot be read. */
async function zipEntryNames(file: FileHandle, size: number): Promise<string[]> {
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 65,535.
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let end = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > size || directorySize > 16 * 1024 * 1024) return [];
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < entries && at + 46 <= directory.length; i++) {
    if (directory.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
