/** What a client sees of a GraphQL response. */
export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * Posts one GraphQL operation over real HTTP. Tests read messages in English
 * (`Accept-Language: en`); test/i18n checks the Vietnamese ones.
 */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  language: 'en' | 'vi' = 'en',
): Promise<GqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': language,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GqlResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The `extensions.code` of the first error, or undefined. */
export function errorCode(response: GqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code as string | undefined;
}

/** Throws with the errors when a response has any; returns its data. */
export function dataOf<T>(response: GqlResponse<T>): T {
  if (response.errors?.length)
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

/** A GraphQL client bound to a server URL, one token, and the language it reads (English by default). */
export function clientFor(url: string, token?: string, language: 'en' | 'vi' = 'en') {
  return {
    request: <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
      gql<T>(url, query, variables, token, language),
    /** Runs an operation and returns its data, failing the test on any error. */
    data: async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
      dataOf(await gql<T>(url, query, variables, token, language)),
  };
}
