/** A minimal GraphQL-over-HTTP client for the runner's own requests (not the measured load). */

interface GraphQLResponse {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends one operation with a bearer token; resolves with the whole response. */
export async function graphql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  return (await response.json()) as GraphQLResponse;
}

/** The data of a GraphQL response; throws with its first error. */
export async function data(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<any> {
  const result = await graphql(url, token, query, variables);
  if (result.errors?.length) {
    throw new Error(
      `${result.errors[0]!.extensions?.code ?? 'ERROR'}: ${result.errors[0]!.message}`,
    );
  }
  return result.data;
}

/** True when the server's schema accepts `query` (no GRAPHQL_VALIDATION_FAILED). */
export async function supports(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<boolean> {
  const result = await graphql(url, token, query, variables);
  return !result.errors?.some(
    (e) =>
      e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ||
      /Cannot query field|Unknown type|Unknown argument/.test(e.message),
  );
}
