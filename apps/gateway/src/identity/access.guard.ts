import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, hasRole, Role, UnauthorizedError } from '@app/contracts';
import { CallerResolver } from './caller.resolver';
import {
  attachCaller,
  REQUIRED_ROLE,
  REQUIRES_READER,
  REQUIRES_STAFF,
  SKIP_IDENTITY,
} from './access.decorators';

/** Resolves the caller of every route and enforces the route's role or reader requirement. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly resolver: CallerResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SKIP_IDENTITY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = await this.resolver.resolve(request);
    attachCaller(request, caller);

    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    const staffOnly = this.reflector.getAllAndOverride<boolean>(REQUIRES_STAFF, targets);
    if ((role || staffOnly) && !caller.staffId)
      throw new UnauthorizedError('Staff credentials are required.');
    if (role && !hasRole(caller.roles, role)) throw new ForbiddenError(`This needs the ${role} role.`);
    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_READER, targets) && !caller.readerId) {
      throw new UnauthorizedError('A reader token (X-Reader-Token) or a portal login is required.');
    }
    return true;
  }
}
