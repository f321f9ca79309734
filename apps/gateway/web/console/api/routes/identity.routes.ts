import { route } from '../route';

export const IDENTITY_ROUTES = {
  login: route('POST', '/api/v1/auth/login'),
  me: route('GET', '/api/v1/auth/me'),
  /** Colleagues by id and email, for every member of staff (assigning, names in place of ids). */
  roster: route('GET', '/api/v1/staff'),
} as const;
