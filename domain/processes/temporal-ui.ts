// Links from a business view to the same run in the Temporal Web UI.
export const DEFAULT_TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

export function temporalUiLink(baseUrl: string | undefined, namespace: string, workflowId: string): string {
  const base = (baseUrl ?? DEFAULT_TEMPORAL_UI_URL).replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
