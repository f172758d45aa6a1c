import type { Deps } from '../../../deps';
import { forgetMeModal } from '../blocks';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';

/** `/learnloop forget-me`: opens the confirmation form; the deletion happens on submit. */
export function forgetMeSubcommand(_deps: Pick<Deps, 'logger'>): SubcommandHandler {
  return async ({ command, client }) => {
    await client.views.open({ trigger_id: command.trigger_id, view: forgetMeModal(command.response_url ?? null) });
  };
}
