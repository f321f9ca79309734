import { route } from '../route';

export const IDENTITY_ROUTES = {
  login: route('POST', '/api/v1/auth/login'),
  me: route('GET', '/api/v1/auth/me'),
} as const;
