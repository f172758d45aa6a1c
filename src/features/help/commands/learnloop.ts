import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlashCommand } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { parseLearnloopCommand, type LearnloopSubcommand } from '../rules';
import { helpBlocks, helpReplies, topicHelpBlocks, topicHelpText } from '../blocks';
import { ephemeral, notAvailableYet, whatWentWrong, type EphemeralReply } from '../../../platform/slack/replies';

import type { SubcommandHandler } from '../../../platform/slack/subcommand';

export type Subcommands = Partial<Record<LearnloopSubcommand, SubcommandHandler>>;

/** /learnloop: help, "did you mean" for typos, and the subcommands each feature registers. */
export function learnloopCommand(deps: Pick<Deps, 'logger'>, subcommands: Subcommands) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseLearnloopCommand(command.text ?? '');
    switch (parsed.kind) {
      case 'help':
        return void (await ack(parsed.topic ? ephemeral(topicHelpText(parsed.topic), topicHelpBlocks(parsed.topic)) : ephemeral('Learnloop commands', helpBlocks())));
      case 'help-unknown': {
        const text = helpReplies.unknownTopic(parsed.word, parsed.suggestion);
        return void (await ack(ephemeral(text, helpBlocks(text))));
      }
      case 'other-command':
        return void (await ack(ephemeral(helpReplies.otherCommand(parsed.command, parsed.rest))));
      case 'unknown': {
        const text = helpReplies.unknownWord(parsed.word, parsed.suggestion);
        return void (await ack(ephemeral(text, helpBlocks(`${text} Here is what I can do:`))));
      }
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
      await respond(ephemeral(whatWentWrong(error))).catch(() => undefined);
    }
  };
}
