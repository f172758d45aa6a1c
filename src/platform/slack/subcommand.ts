import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { EphemeralReply } from './replies';

export interface SubcommandContext {
  command: SlashCommand;
  args: string[];
  rest: string;
  client: WebClient;
  respond: RespondFn;
}

/** A /learnloop subcommand: runs after the ack; returns the ephemeral reply, if any. */
export type SubcommandHandler = (ctx: SubcommandContext) => Promise<EphemeralReply | void>;
