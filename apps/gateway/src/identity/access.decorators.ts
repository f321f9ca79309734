import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, Caller, Role } from '@app/contracts';

export const REQUIRED_ROLE = 'engage:required-role';
export const REQUIRES_STAFF = 'engage:requires-staff';
export const REQUIRES_READER = 'engage:requires-reader';
export const SKIP_IDENTITY = 'engage:skip-identity';

const callers = new WeakMap<FastifyRequest, Caller>();

export function attachCaller(request: FastifyRequest, caller: Caller): void {
  callers.set(request, caller);
}

export function callerOf(request: FastifyRequest): Caller {
  return callers.get(request) ?? ANONYMOUS;
}

/** A staff route: 401 without a staff token, 403 when the role is lower than `role`. */
export const RequireRole = (role: Role) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    ApiBearerAuth('staff'),
    ApiExtension('x-required-role', role),
    ApiUnauthorizedResponse({ description: 'No or bad staff credentials' }),
    ApiForbiddenResponse({ description: `Role lower than ${role}` }),
  );

/** Any logged-in staff member. */
export const RequireStaff = () =>
  applyDecorators(
    SetMetadata(REQUIRES_STAFF, true),
    ApiBearerAuth('staff'),
    ApiExtension('x-required-role', 'moderator'),
    ApiUnauthorizedResponse({ description: 'No or bad staff credentials' }),
  );

/** A route tied to a reader: a reader token or a portal user's JWT. */
export const RequireReader = () =>
  applyDecorators(
    SetMetadata(REQUIRES_READER, true),
    ApiSecurity('reader-token'),
    ApiBearerAuth('portal'),
    ApiUnauthorizedResponse({ description: 'No or bad reader credentials' }),
  );

/** Operations routes (health, metrics) that never look at credentials. */
export const SkipIdentity = () => SetMetadata(SKIP_IDENTITY, true);

/** The caller the access guard established for this request. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller =>
  callerOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
