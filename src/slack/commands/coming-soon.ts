import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { notAvailableYet } from '../replies';

/** A command whose feature has not shipped yet answers so, rather than staying silent. */
export function comingSoonCommand() {
  return async ({ ack, command }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack(notAvailableYet(command.command));
  };
}
