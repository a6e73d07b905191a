import type { DirectoryUser } from '../../domain/model';
import type { Directory } from '../../ports/directory';
import type { DelegatedPrincipal, DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';

/**
 * A directory that signs an agent out when it finds they are no longer in the helpdesk group: their
 * cached tokens are deleted from the shared cache at once, on every instance, instead of staying
 * usable until they expire. Every other answer passes through unchanged.
 */
export class SignOutOnLeaving implements Directory {
  constructor(
    private readonly inner: Directory,
    private readonly tokens: Pick<DelegatedTokenProvider, 'forget'>,
    private readonly helpdeskGroupId: string,
    private readonly logger: Logger,
  ) {}

  findUsers(query: string, as: DelegatedPrincipal, limit?: number): Promise<DirectoryUser[]> {
    return this.inner.findUsers(query, as, limit);
  }

  async isMemberOf(groupId: string, as: DelegatedPrincipal): Promise<boolean> {
    const member = await this.inner.isMemberOf(groupId, as);
    if (!member && groupId === this.helpdeskGroupId) {
      try {
        await this.tokens.forget(as.oid);
        this.logger.info('auth.signedOutOnLeaving', { agentOid: as.oid });
      } catch (error) {
        // The refusal stands either way; the tokens then expire on their own.
        this.logger.warn('auth.signOutOnLeavingFailed', { agentOid: as.oid, errorName: error instanceof Error ? error.name : typeof error });
      }
    }
    return member;
  }
}
