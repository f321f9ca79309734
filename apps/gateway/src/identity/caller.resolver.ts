import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Caller, UnauthorizedError } from '@app/contracts';
import { KeyedHasher } from './keyed-hasher';
import { ReaderTokens } from './reader-tokens';
import { StaffTokens } from './staff-tokens';
import { looksLikeStaffToken, PortalJwtVerifier } from './portal-jwt.verifier';
import { StaffDirectory } from './staff.directory';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Works out who is calling from the request's credentials. Credentials that are present but wrong are
 * refused (401) rather than ignored, so a client with an expired token learns it at once.
 */
@Injectable()
export class CallerResolver {
  constructor(
    private readonly readerTokens: ReaderTokens,
    private readonly staffTokens: StaffTokens,
    private readonly portal: PortalJwtVerifier,
    private readonly staff: StaffDirectory,
    private readonly hasher: KeyedHasher,
  ) {}

  async resolve(request: FastifyRequest): Promise<Caller> {
    const caller: Caller = {
      readerId: null,
      staffId: null,
      roles: [],
      addressHash: this.hasher.hash('address', request.ip),
    };
    const readerToken = request.headers['x-reader-token'];
    if (readerToken !== undefined) {
      const subject = typeof readerToken === 'string' ? this.readerTokens.verify(readerToken) : null;
      if (!subject) throw new UnauthorizedError('The reader token is not valid.');
      caller.readerId = this.hasher.hash('reader', subject);
    }
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) throw new UnauthorizedError('Authorization must be "Bearer <token>".');
      if (looksLikeStaffToken(token)) {
        const claims = await this.staffTokens.verify(token);
        // Roles come from the account as it is now: a removed account or a lowered role counts at once.
        const account = claims ? await this.staff.find(claims.staffId) : null;
        if (!account) throw new UnauthorizedError('The access token is not valid or has expired.');
        caller.staffId = account.id;
        caller.roles = account.roles;
      } else {
        const portalUser = this.portal.enabled ? await this.portal.verify(token) : null;
        if (!portalUser) throw new UnauthorizedError('The access token is not valid or has expired.');
        caller.readerId = this.hasher.hash('portal-user', portalUser);
      }
    }
    return caller;
  }
}
