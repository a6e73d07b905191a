import { MemoryInFlightStore } from '../../src/adapters/memory/memory-in-flight-store';
import { MemoryRequestStore } from '../../src/adapters/memory/memory-request-store';
import type { ApprovalRequest } from '../../src/domain/approvals/approval-request';
import type { InFlightReset } from '../../src/ports/in-flight-store';

/** The memory request store, keeping every write as JSON, to prove no secret was ever stored. */
export class RecordingRequestStore extends MemoryRequestStore {
  readonly writes: string[] = [];

  override async create(request: ApprovalRequest): Promise<void> {
    this.writes.push(JSON.stringify(request));
    return super.create(request);
  }

  override async replace(request: ApprovalRequest, expectedRevision: number): Promise<boolean> {
    this.writes.push(JSON.stringify(request));
    return super.replace(request, expectedRevision);
  }
}

/** The memory in-flight store, keeping every entry written as JSON; `failAdds` makes add() throw. */
export class RecordingInFlightStore extends MemoryInFlightStore {
  readonly writes: string[] = [];
  failAdds = false;

  override async add(entry: InFlightReset): Promise<void> {
    if (this.failAdds) throw new Error('storage unavailable');
    this.writes.push(JSON.stringify(entry));
    return super.add(entry);
  }
}

/** Sessions per agent oid, as the delegated token provider reports them. */
export class FakeSessions {
  private readonly oids = new Set<string>();

  constructor(...oids: string[]) {
    for (const oid of oids) this.oids.add(oid);
  }

  add(oid: string): void {
    this.oids.add(oid);
  }

  async hasSession(oid: string): Promise<boolean> {
    return this.oids.has(oid);
  }
}
