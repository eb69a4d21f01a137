import { vi } from 'vitest';
import type { Problem } from '../types/api';

/** A request as a route handler sees it. */
export interface MockRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type Route = (req: MockRequest) => Response | Promise<Response>;

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });
}

export function problem(status: number, errors: { field: string; message: string }[] = [], detail = 'validation failed'): Response {
  const body: Problem = { type: 'urn:caja:problem:test', title: 'Problem', status, detail, errors };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * Replaces fetch with a router: keys are "METHOD /path" (query string
 * ignored; ":x" matches one segment). Unmatched requests fail the test with
 * a 599 so they are visible. Returns the mock and the list of requests.
 */
export function mockFetch(routes: Record<string, Route>) {
  const calls: MockRequest[] = [];
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-z_]+/gi, '[^/]+')}$`);
    return { method, re, handler };
  });
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    let body: unknown = undefined;
    if (typeof init?.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    const req: MockRequest = { method, path: url.pathname, url, headers, body };
    calls.push(req);
    const route = compiled.find((r) => r.method === method && r.re.test(url.pathname));
    if (!route) return new Response(`no mock for ${method} ${url.pathname}`, { status: 599 });
    return route.handler(req);
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}
