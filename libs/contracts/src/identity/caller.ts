import { IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES, Role } from './roles';

/**
 * Who is asking, as the gateway established it. Services trust only this (NATS requires credentials in
 * production, so only the gateway can send it). `readerId` and `addressHash` are already keyed hashes:
 * no service ever sees a raw reader token or IP address.
 */
export class Caller {
  /** Keyed hash of the reader token's subject or the portal user's id; null for staff-only calls. */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  readerId: string | null = null;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  staffId: string | null = null;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[] = [];

  /** The display name a portal reader's JWT gives (its `name` claim); null for guests and staff. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  portalName?: string | null = null;

  /** Keyed hash of the client address, for per-address caps. */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  addressHash: string | null = null;
}

export const ANONYMOUS: Caller = Object.freeze({
  readerId: null,
  staffId: null,
  roles: [],
  addressHash: null,
});
