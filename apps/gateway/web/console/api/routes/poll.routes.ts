import type { ApiRoute } from '../route';

export const POLL_ROUTES = {} satisfies Record<string, ApiRoute>;
