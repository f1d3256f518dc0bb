// Who is logged in: the key is kept for this browser tab only (sessionStorage), never in the address.
import { api, session } from './api';

export interface Me {
  name: string;
  roles: string[];
  customer?: string;
}

/** Checks a key with the API and keeps it when the API knows it. */
export async function logIn(key: string): Promise<Me> {
  session.set(key.trim());
  try {
    return await api<Me>('GET', '/me');
  } catch (e) {
    session.clear();
    throw e;
  }
}

export const logOut = () => session.clear();
export const whoAmI = () => api<Me>('GET', '/me');
export const hasKey = () => !!session.key();
