/** Parses JSON from Slack (private_metadata, button values); undefined instead of throwing on bad input. */
export function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
