import type { ApiRoute } from '../route';

export const COMMENT_ROUTES = {} satisfies Record<string, ApiRoute>;
