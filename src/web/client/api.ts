/**
 * The pages' GraphQL-over-HTTP client: POST /graphql on the page's own origin,
 * with the signed-in token and `Accept-Language: vi`, so that the server
 * answers its messages in Vietnamese.
 */

/** The GraphQL endpoint of the server that served the page. */
export const GRAPHQL_PATH = '/graphql';

/** The WebSocket URL of the same endpoint (ws: or wss: as the page). */
export function graphqlWsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${GRAPHQL_PATH}`;
}

/** Codes the pages react to besides the server's own `extensions.code`. */
export const NETWORK = 'NETWORK';

/**
 * A failed operation: the server's `extensions.code` and message, or code
 * NETWORK when the server could not be reached or answered something else.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs one operation; resolves with `data` or rejects with an ApiError. */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'vi',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError(NETWORK, 'Không kết nối được máy chủ.');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(NETWORK, `Máy chủ trả lời không hợp lệ (HTTP ${response.status}).`);
  }
  const [error] = body.errors ?? [];
  if (error) throw new ApiError(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error.message);
  if (!body.data) throw new ApiError(NETWORK, 'Máy chủ không trả dữ liệu.');
  return body.data;
}

/** The account a token stands for. */
export interface SignedInAccount {
  username: string;
  role: string;
}

/** Signs in; rejects with the server's error (e.g. a wrong password) as an ApiError. */
export async function login(
  username: string,
  password: string,
): Promise<{ token: string; account: SignedInAccount }> {
  const data = await graphql<{ login: { token: string; account: SignedInAccount } }>(
    `
      mutation Login($username: String!, $password: String!) {
        login(username: $username, password: $password) {
          token
          account {
            username
            role
          }
        }
      }
    `,
    { username, password },
  );
  return data.login;
}

/** The account of a stored token, or null when the token is no longer valid. */
export async function currentAccount(token: string): Promise<SignedInAccount | null> {
  const data = await graphql<{ viewer: SignedInAccount | null }>(
    `
      {
        viewer {
          username
          role
        }
      }
    `,
    {},
    token,
  );
  return data.viewer;
}

/** A new token for the same session, or an ApiError (UNAUTHENTICATED once the session is too old). */
export async function refreshToken(token: string): Promise<{ token: string; expiresAt: string }> {
  const data = await graphql<{ refreshToken: { token: string; expiresAt: string } }>(
    `
      mutation RefreshToken {
        refreshToken {
          token
          expiresAt
        }
      }
    `,
    {},
    token,
  );
  return data.refreshToken;
}
