import type { z } from 'zod';

/** Parses JSON from Slack (private_metadata, button values); undefined instead of throwing on bad input. */
export function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/** Parses JSON from Slack and checks its shape; null when it is not JSON or not of that shape. */
export function parseJson<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  const parsed = schema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : null;
}
