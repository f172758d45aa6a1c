import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config';

export type SealedFields = Record<string, string | number | null | undefined>;

/** A key only this server knows, derived so that the Slack secret itself never signs anything else. */
function sealKey(config: Pick<Config, 'slackSigningSecret' | 'slackBotToken'>): Buffer {
  return createHmac('sha256', config.slackSigningSecret ?? config.slackBotToken ?? '').update('learnloop form seal v1').digest();
}

function canonical(fields: SealedFields): string {
  return JSON.stringify(Object.keys(fields).sort().map((key) => [key, fields[key] ?? null]));
}

/**
 * A seal over what an opener learned from Slack (a shortcut's message, a button's container) and put in
 * a form's private_metadata: on submit, `hasValidSeal` tells whether Learnloop wrote exactly these
 * values for this person and workspace, so an edited author or link is refused instead of stored.
 */
export function formSeal(config: Pick<Config, 'slackSigningSecret' | 'slackBotToken'>, fields: SealedFields): string {
  return createHmac('sha256', sealKey(config)).update(canonical(fields)).digest('base64url');
}

/** Whether `seal` is the one `formSeal` gives for these fields. */
export function hasValidSeal(config: Pick<Config, 'slackSigningSecret' | 'slackBotToken'>, fields: SealedFields, seal: string | undefined): boolean {
  if (!seal) return false;
  const expected = Buffer.from(formSeal(config, fields));
  const given = Buffer.from(seal);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
