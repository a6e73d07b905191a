import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** Discovery documents change rarely; an hour keeps a key or endpoint change from going unseen for long. */
const REMEMBER_MS = 60 * 60 * 1000;
/** An authority has a few documents (OpenID configuration, instance discovery); more is a mistake. */
const MAX_DOCUMENTS = 16;

/**
 * msal's network module, remembering successful GET answers: msal only GETs the authority's
 * discovery documents (token requests are POSTs, passed on as they are). Each msal client fetches
 * them once in its life; with a client per operation (one agent's token cache each), they would be
 * fetched before every token request.
 */
export class RememberedDiscovery implements INetworkModule {
  private readonly documents = new Map<string, { response: NetworkResponse<unknown>; atMs: number }>();

  constructor(
    private readonly network: INetworkModule,
    private readonly now: () => number = Date.now,
  ) {}

  async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const remembered = this.documents.get(url);
    if (remembered && this.now() - remembered.atMs < REMEMBER_MS) return remembered.response as NetworkResponse<T>;
    const response = await this.network.sendGetRequestAsync<T>(url, options, timeout);
    if (response.status === 200) {
      this.documents.delete(url);
      if (this.documents.size >= MAX_DOCUMENTS) this.documents.clear();
      this.documents.set(url, { response, atMs: this.now() });
    }
    return response;
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.network.sendPostRequestAsync<T>(url, options);
  }
}
