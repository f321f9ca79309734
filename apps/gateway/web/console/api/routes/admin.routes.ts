import type { ApiRoute } from '../route';

export const ADMIN_ROUTES = {} satisfies Record<string, ApiRoute>;
