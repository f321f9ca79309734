import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { Caller, portalDisplayName, UnauthorizedError } from '@app/contracts';
import { KeyedHasher } from './keyed-hasher';
import { ReaderTokens } from './reader-tokens';
import { StaffTokens } from './staff-tokens';
import { looksLikeStaffToken, PortalJwtVerifier } from './portal-jwt.verifier';
import { StaffDirectory } from './staff.directory';

const MAX_REMEMBERED_ADDRESSES = 10000;
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

  /** Addresses repeat from request to request; their hashes are kept rather than recomputed. */
  private readonly addressHashes = new Map<string, string>();

  private addressHashOf(address: string): string {
    let hash = this.addressHashes.get(address);
    if (hash === undefined) {
      if (this.addressHashes.size >= MAX_REMEMBERED_ADDRESSES) this.addressHashes.clear();
      hash = this.hasher.hash('address', address);
      this.addressHashes.set(address, hash);
    }
    return hash;
  }

  /** The reader id a reader token stands for (its subject's keyed hash), or null for a bad token. */
  readerIdOf(token: string): string | null {
    const subject = this.readerTokens.verify(token);
    return subject ? this.hasher.hash('reader', subject) : null;
  }

  /**
   * The caller of a request whose one credential is a reader token, as `resolve` would find it;
   * undefined for any other request (no token, a sign-in beside it, a bad token), which `resolve`
   * decides.
   */
  readerOnlyCaller(headers: IncomingHttpHeaders, address: string): Caller | undefined {
    const token = headers['x-reader-token'];
    if (typeof token !== 'string' || headers.authorization !== undefined) return undefined;
    const readerId = this.readerIdOf(token);
    if (!readerId) return undefined;
    return { readerId, staffId: null, roles: [], addressHash: this.addressHashOf(address) };
  }

  async resolve(request: FastifyRequest): Promise<Caller> {
    const caller: Caller = {
      readerId: null,
      staffId: null,
      roles: [],
      addressHash: this.addressHashOf(request.ip),
    };
    const readerToken = request.headers['x-reader-token'];
    if (readerToken !== undefined) {
      const readerId = typeof readerToken === 'string' ? this.readerIdOf(readerToken) : null;
      if (!readerId) throw new UnauthorizedError('The reader token is not valid.');
      caller.readerId = readerId;
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
        // Verified just above: its name claim is the portal's word for how the reader is shown.
        caller.portalName = portalDisplayName(decodeJwt(token));
      }
    }
    return caller;
  }
}
