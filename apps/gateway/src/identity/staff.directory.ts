import { Injectable } from '@nestjs/common';
import type { Role } from '@app/contracts';
import { StaffRepository } from './staff.repository';
import { isUuid } from '@app/contracts';

interface CachedAccount {
  account: { id: string; roles: Role[] } | null;
  until: number;
}

/** How long a looked-up staff account is trusted before it is read again. */
const TTL_MS = 5000;
const MAX_ENTRIES = 10000;

/**
 * Staff accounts as the request path needs them (id and roles), read from the database and kept for a
 * few seconds: a removed account or changed role takes effect within TTL_MS on every gateway copy.
 */
@Injectable()
export class StaffDirectory {
  private readonly cache = new Map<string, CachedAccount>();

  constructor(private readonly staff: StaffRepository) {}

  async find(id: string): Promise<{ id: string; roles: Role[] } | null> {
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.account;
    const found = isUuid(id) ? await this.staff.findById(id) : null;
    const account = found ? { id: found.id, roles: found.roles } : null;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(id, { account, until: now + TTL_MS });
    return account;
  }

  forget(id: string): void {
    this.cache.delete(id);
  }
}
