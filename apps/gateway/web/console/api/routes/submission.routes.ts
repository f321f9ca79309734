import type { ApiRoute } from '../route';

export const SUBMISSION_ROUTES = {} satisfies Record<string, ApiRoute>;
