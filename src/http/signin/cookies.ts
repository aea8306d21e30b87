import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** A cookie's value from the request, or undefined. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Behind a TLS-terminating proxy (or with an https PUBLIC_URL) cookies are marked Secure. */
export function overHttps(req: Request, publicUrl?: string): boolean {
  return req.secure || /^https\b/i.test(req.get('x-forwarded-proto') ?? '') || /^https:/i.test(publicUrl ?? '');
}

function mac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/** `value.mac`: the browser holds it, only this server (and its replicas, same key) can have made it. */
export function signed(key: Buffer, value: string): string {
  return `${value}.${mac(key, value)}`;
}

/** The value when its signature holds, else null. */
export function unsigned(key: Buffer, cookie: string): string | null {
  const dot = cookie.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = cookie.slice(0, dot);
  const given = Buffer.from(cookie.slice(dot + 1));
  const want = Buffer.from(mac(key, value));
  return given.length === want.length && timingSafeEqual(given, want) ? value : null;
}

/** A Set-Cookie line; Max-Age 0 clears it. */
export function cookieLine(name: string, value: string, o: { path: string; maxAgeS: number; secure: boolean }): string {
  return `${name}=${value}; Path=${o.path}; HttpOnly; SameSite=Lax; Max-Age=${o.maxAgeS}${o.secure ? '; Secure' : ''}`;
}
