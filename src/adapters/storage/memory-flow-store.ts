import type { ResetFlow } from '../../domain/reset/reset-flow';
import type { FlowStore } from '../../ports/flow-store';

/**
 * Flows in process memory: for demo mode and tests only (a second instance would not see them).
 * Copies go in and out so a caller can never change a stored flow behind the store's back, and
 * replace() is a compare-and-set on the revision, checked and written without yielding.
 */
export class MemoryFlowStore implements FlowStore {
  private readonly flows = new Map<string, ResetFlow>();

  async get(id: string): Promise<ResetFlow | undefined> {
    const flow = this.flows.get(id);
    return flow ? structuredClone(flow) : undefined;
  }

  async create(flow: ResetFlow): Promise<void> {
    if (this.flows.has(flow.id)) throw new Error(`A flow with id ${flow.id} already exists.`);
    this.flows.set(flow.id, structuredClone(flow));
  }

  async replace(flow: ResetFlow, expectedRevision: number): Promise<boolean> {
    const current = this.flows.get(flow.id);
    if (!current || current.revision !== expectedRevision) return false;
    this.flows.set(flow.id, structuredClone(flow));
    return true;
  }

  /** How many flows are held (tests). */
  get size(): number {
    return this.flows.size;
  }
}
