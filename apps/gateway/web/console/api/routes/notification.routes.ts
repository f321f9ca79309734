import type { ApiRoute } from '../route';

export const NOTIFICATION_ROUTES = {} satisfies Record<string, ApiRoute>;
