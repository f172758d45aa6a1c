import type { KnownBlock } from '@slack/types';

/** The one line users see when something unexpected broke. */
export const SOMETHING_WENT_WRONG = 'Something went wrong on our side and nothing was saved; please try again.';

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

/** The answer of a command that a later Learnloop release will bring. */
export function notAvailableYet(command: string): EphemeralReply {
  return ephemeral(`${command} is not available yet in this version of Learnloop. Type \`/learnloop help\` to see what you can do today.`);
}
