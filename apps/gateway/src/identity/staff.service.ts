import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, Role, StaffLocale, UnauthorizedError } from '@app/contracts';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password.hasher';
import { StaffEmailTakenError, StaffRepository } from './staff.repository';
import { StaffTokens } from './staff-tokens';
import type { LoginReply, StaffView } from './staff.dto';
import type { StaffAccount } from './entities/staff-account.entity';

function viewOf(account: StaffAccount): StaffView {
  return { id: account.id, email: account.email, roles: account.roles, locale: account.locale };
}

/** Staff accounts: logging in, the admin's list, creating accounts, changing their roles, removing them. */
@Injectable()
export class StaffService {
  /** Verified against when the email is unknown, so a login takes as long whether or not it exists. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly staff: StaffRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: StaffTokens,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The attempt is admitted (and counted as a failure) before the password is checked; a success gives
   * the count back. Unknown emails are checked against a decoy hash, so both cost the same time.
   */
  async login(email: string, password: string, addressHash: string): Promise<LoginReply> {
    const pass = await this.throttle.admit(email, addressHash);
    const account = await this.staff.findByEmailWithPassword(email);
    this.decoyHash ??= this.passwords.hash('decoy password for timing');
    const valid = account
      ? await this.passwords.verify(password, account.passwordHash)
      : await this.passwords.verify(password, await this.decoyHash).then(() => false);
    if (!account || !valid) throw new UnauthorizedError('The email or password is wrong.');
    await pass.succeeded();
    const token = await this.tokens.issue({ staffId: account.id, roles: account.roles });
    return { ...token, roles: account.roles };
  }

  async get(id: string): Promise<StaffView | null> {
    const account = await this.staff.findById(id);
    return account ? viewOf(account) : null;
  }

  async list(): Promise<StaffView[]> {
    const accounts = await this.staff.list();
    return accounts.map(viewOf);
  }

  async create(email: string, password: string, roles: Role[], locale: StaffLocale): Promise<StaffView> {
    try {
      const account = await this.staff.create(email, await this.passwords.hash(password), roles, locale);
      return viewOf(account);
    } catch (error) {
      if (error instanceof StaffEmailTakenError) {
        throw new ConflictError('staff_email_taken', 'A staff account with this email exists.');
      }
      throw error;
    }
  }

  async changeRoles(id: string, roles: Role[]): Promise<StaffView> {
    const outcome = await this.staff.updateRolesUnlessLastAdmin(id, roles);
    if (outcome === 'missing') throw new NotFoundError('The staff account');
    if (outcome === 'last_admin')
      throw new ConflictError('last_admin_role', 'The last admin cannot lose the admin role.');
    return viewOf(outcome);
  }

  async delete(id: string): Promise<void> {
    const outcome = await this.staff.deleteUnlessLastAdmin(id);
    if (outcome === 'missing') throw new NotFoundError('The staff account');
    if (outcome === 'last_admin')
      throw new ConflictError('last_admin', 'The last admin account cannot be removed.');
  }

  /** Creates the bootstrap admin from ADMIN_EMAIL/ADMIN_PASSWORD when no account has that email. */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    return this.staff.createIfAbsent(email.trim().toLowerCase(), await this.passwords.hash(password), [
      'admin',
    ]);
  }
}
