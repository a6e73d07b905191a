import type { ResetFlow } from '../domain/reset/reset-flow';

/** Persistence of reset flows. Never given a secret. */
export interface FlowStore {
  get(id: string): Promise<ResetFlow | undefined>;
  /** Create; throws when the id exists. */
  create(flow: ResetFlow): Promise<void>;
  /** Replace only if the stored flow has `expectedRevision`; false when someone else changed it first. */
  replace(flow: ResetFlow, expectedRevision: number): Promise<boolean>;
}
