// The DataSource the TypeORM CLI uses (`npm run migration:run`, `npm run migration:generate`).
// It needs DATABASE_URL: the CLI does not start the embedded PostgreSQL.
import 'reflect-metadata';
import { createDataSource } from './src/db/data-source';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to run the TypeORM CLI against a database');

export const dataSource = createDataSource(url);
