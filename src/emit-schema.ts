import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchemaFile } from './print-schema';
import { createSchema } from './schema';

/** Writes the schema's SDL to schema.graphql at the repository root. */
async function main(): Promise<void> {
  const schema = await createSchema();
  const target = path.resolve(__dirname, '..', '..', 'schema.graphql');
  writeFileSync(target, printSchemaFile(schema));
  process.stdout.write(`wrote ${target}\n`);
}

void main();
