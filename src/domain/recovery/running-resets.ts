/**
 * The resets this process is running right now (flow or request ids). In process memory on
 * purpose: it only tells recovery "leave this one alone, its own run will deliver it". Another
 * instance has its own set; between instances, InFlightStore.markDelivered decides who delivers.
 */
export class RunningResets {
  private readonly ids = new Set<string>();

  add(id: string): void {
    this.ids.add(id);
  }

  delete(id: string): void {
    this.ids.delete(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
