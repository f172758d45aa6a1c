import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps';
import { whatWentWrong } from './replies';
import { workspaceOf } from './workspace-of';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface FormSubmitter {
  teamId: string;
  userId: string;
}

/**
 * A form submission with Learnloop's rules, as `buttonAction` is for buttons: `work` answers Slack with
 * `ack` (field errors, or closing the form) and then may carry on; a failure before that answer is
 * shown on the form's `errorBlock` (nothing typed is lost), one after it is logged as `failure`.
 */
export function viewSubmission(
  deps: Pick<Deps, 'logger' | 'teamId'>,
  options: { failure: string; errorBlock: string },
  work: (args: ViewArgs, submitter: FormSubmitter) => Promise<void>,
) {
  return async (args: ViewArgs): Promise<void> => {
    const submitter = { teamId: workspaceOf(args.body, deps), userId: args.body.user.id };
    let acked = false;
    const ack: ViewArgs['ack'] = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await work({ ...args, ack }, submitter);
    } catch (error) {
      deps.logger.error({ err: error, ...submitter, callbackId: args.view.callback_id }, options.failure);
      if (!acked) await args.ack({ response_action: 'errors', errors: { [options.errorBlock]: whatWentWrong(error) } });
    }
  };
}
