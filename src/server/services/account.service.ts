/** Local accounts: platform admins create leaders' (and other admins') accounts. */
import type { Account, Role } from '../../contracts/api.js';
import type { PasswordHasher } from '../adapters/passwords.js';
import { Conflict, isUniqueViolation, ValidationFailed } from '../errors.js';
import type { AccountRepository } from '../repositories/account.repository.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { Viewer } from './access.js';
import type { AuditService } from './audit.service.js';

export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly organisation: OrganisationRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Account[]> {
    return this.accounts.list();
  }

  async create(
    viewer: Viewer | null,
    input: { email: string; displayName: string; role: Role; municipalityId: string | null; password: string },
  ): Promise<Account> {
    if (input.role === 'municipality_leader') {
      if (input.municipalityId === null) throw new ValidationFailed([{ path: 'municipalityId', code: 'municipality_required' }]);
      if (!(await this.organisation.getMunicipality({ kind: 'platform' }, input.municipalityId))) {
        throw new ValidationFailed([{ path: 'municipalityId', code: 'unknown_reference' }]);
      }
    }
    const municipalityId = input.role === 'municipality_leader' ? input.municipalityId : null;
    const passwordHash = await this.passwords.hash(input.password);
    let account: Account;
    try {
      account = await this.accounts.create({ email: input.email, displayName: input.displayName, role: input.role, municipalityId, passwordHash });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict('already_exists', {}, [{ path: 'email', code: 'already_exists' }]);
      throw error;
    }
    await this.audit.record(viewer, 'account.create', { type: 'account', id: account.id, municipalityId }, { role: account.role });
    return account;
  }
}
