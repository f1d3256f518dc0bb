// The API as the benchmark calls it: the operator's key (or another user's), JSON in and out, errors thrown with their body.
import { OPERATOR_KEY } from './system';

export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly key = OPERATOR_KEY,
  ) {}

  async call<T = any>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'x-api-key': this.key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}
