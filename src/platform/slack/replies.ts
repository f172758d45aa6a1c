import type { KnownBlock } from '@slack/types';
import { isDatabaseUnavailable } from '../db/unavailable';

/** The one line users see when something unexpected broke. */
export const SOMETHING_WENT_WRONG = 'Something went wrong on our side and nothing was saved; please try again.';

/** The one line users see while PostgreSQL cannot be reached (a failover, a maintenance window). */
export const CANT_SAVE_RIGHT_NOW = "Learnloop can't save right now; please try again in a few minutes.";

/** What to tell a person when their request failed: the outage sentence when the database is unreachable. */
export function whatWentWrong(error: unknown): string {
  return isDatabaseUnavailable(error) ? CANT_SAVE_RIGHT_NOW : SOMETHING_WENT_WRONG;
}

export interface EphemeralReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
  replace_original?: boolean;
}

/** An ephemeral reply: visible only to the person who ran the command. */
export function ephemeral(text: string, blocks?: KnownBlock[]): EphemeralReply {
  return blocks ? { response_type: 'ephemeral', text, blocks } : { response_type: 'ephemeral', text };
}

/**
 * The refusal when a form or button names a channel the person is not in (or one Learnloop cannot see):
 * the same words whatever the item is, so it tells nothing about what is in that channel.
 */
export function notChannelMember(what: string): string {
  return `You can only ${what} in a channel you are in. Join the channel (or ask someone in it to add you), then try again.`;
}

/** The answer of a command that a later Learnloop release will bring. */
export function notAvailableYet(command: string): EphemeralReply {
  return ephemeral(`${command} is not available yet in this version of Learnloop. Type \`/learnloop help\` to see what you can do today.`);
}
