export interface RestResponse {
  readonly status: number
  readonly body: unknown
}

/**
 * One request to a Kafka Connect REST API (Apache's worker or pipe's). Retries 409, which the worker
 * answers while it rebalances; returns every other status as it is.
 */
export async function connectRequest(baseUrl: string, method: string, path: string, body?: unknown): Promise<RestResponse> {
  for (let attempt = 0; ; attempt++) {
    const init: RequestInit = { method, headers: { accept: 'application/json', 'content-type': 'application/json' } }
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
    const response = await fetch(`${baseUrl}${path}`, init)
    const text = await response.text()
    // a distributed worker mid-rebalance answers 409, or 500 "Request cannot be completed because a rebalance is expected"
    const rebalancing = response.status === 409 || (response.status === 500 && text.includes('rebalance'))
    if (rebalancing && attempt < 20) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      continue
    }
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) as unknown }
  }
}
