/* eslint-disable @typescript-eslint/no-explicit-any -- test bodies are checked with matchers, not types */
export interface HttpResult<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A small JSON client for integration tests: a bearer token per call, the parsed body and the status back. */
export class HttpClient {
  constructor(private readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { token, body, headers });
  }

  patch<T = any>(path: string, body: unknown, token?: string) {
    return this.request<T>('PATCH', path, { token, body });
  }

  put<T = any>(path: string, body: unknown, token?: string) {
    return this.request<T>('PUT', path, { token, body });
  }

  delete<T = any>(path: string, token?: string) {
    return this.request<T>('DELETE', path, { token });
  }
}
