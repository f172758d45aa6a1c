import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlashCommand } from '@slack/bolt';
import type { Deps } from '../../deps';
import { parseLearnloopCommand, type LearnloopSubcommand } from '../../domain/learnloop-command';
import { escapeMentions, truncate } from '../../domain/text';
import { helpBlocks } from '../blocks/help';
import { ephemeral, notAvailableYet, SOMETHING_WENT_WRONG, type EphemeralReply } from '../replies';

export interface SubcommandContext {
  command: SlashCommand;
  args: string[];
  rest: string;
  client: WebClient;
  respond: RespondFn;
}

/** A /learnloop subcommand: runs after the ack; returns the ephemeral reply, if any. */
export type SubcommandHandler = (ctx: SubcommandContext) => Promise<EphemeralReply | void>;

export type Subcommands = Partial<Record<LearnloopSubcommand, SubcommandHandler>>;

/** /learnloop: help, "did you mean" for typos, and the subcommands each feature registers. */
export function learnloopCommand(deps: Pick<Deps, 'logger'>, subcommands: Subcommands) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseLearnloopCommand(command.text ?? '');
    if (parsed.kind === 'help') {
      await ack(ephemeral('Learnloop commands', helpBlocks()));
      return;
    }
    if (parsed.kind === 'unknown') {
      const word = escapeMentions(truncate(parsed.word, 40));
      const hint = parsed.suggestion ? ` Did you mean \`/learnloop ${parsed.suggestion}\`?` : '';
      await ack(ephemeral(`I don't know \`${word}\`.${hint}`, helpBlocks(`I don't know \`${word}\`.${hint} Here is what I can do:`)));
      return;
    }
    const handler = subcommands[parsed.name];
    if (!handler) {
      await ack(notAvailableYet(`/learnloop ${parsed.name}`));
      return;
    }
    await ack();
    try {
      const reply = await handler({ command, args: parsed.args, rest: parsed.rest, client, respond });
      if (reply) await respond(reply);
    } catch (error) {
      deps.logger.error({ err: error, teamId: command.team_id, userId: command.user_id, subcommand: parsed.name }, '/learnloop failed');
      await respond(ephemeral(SOMETHING_WENT_WRONG)).catch(() => undefined);
    }
  };
}
