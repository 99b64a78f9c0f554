/** A tiny GraphQL-over-HTTP client for the conference scripts (Node's fetch). */

/** The GraphQL endpoint: GRAPHQL_URL, or the default `npm start` address. */
export const GRAPHQL_URL = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';

/** The password of the demo accounts (see the README); DEMO_PASSWORD overrides it. */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-password';

/** A GraphQL error as the server reports it. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(code ? `${code}: ${message}` : message);
  }
}

/** Runs one operation; throws GraphQLRequestError on the first error, a plain Error when the server is unreachable. */
export async function request<T = unknown>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new Error(
      `Cannot reach ${GRAPHQL_URL} (${(error as Error).message}). Start the server first: npm start`,
      { cause: error },
    );
  }
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  if (error) throw new GraphQLRequestError(error.extensions?.code, error.message);
  return body.data as T;
}

/** Signs in and returns the token. */
export async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
  const data = await request<{ login: { token: string } }>(
    `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
    { u: username, p: password },
  );
  return data.login.token;
}

/** A connection's nodes. */
export interface Edges<T> {
  edges: { node: T }[];
}

/** Local wall-clock time of a date-time, for printing. */
export function clock(iso: string | Date): string {
  return new Date(iso).toLocaleTimeString('vi-VN', { hour12: false });
}

/** Runs `main`, printing a failure without a stack for expected problems; sets the exit code. */
export function run(main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode = process.exitCode ?? 0;
    },
    (error: Error) => {
      process.stderr.write(`\n${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
