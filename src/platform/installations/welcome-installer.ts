import type { Db } from '../db/connect';
import type { Logger } from '../../logger';
import type { Message } from '../ui/message';
import { postOnce } from '../slack/post-once';
import { describeSlackFailure } from '../slack/slack-error';
import type { InstalledBot } from './installation-store';
import type { Workspaces } from './workspaces';

/**
 * After an install is stored: notes the workspace's name and address (the OAuth answer carries neither;
 * permalinks need the address), then sends the installer the welcome DM, once. Never throws: the
 * installation is stored already, and a failed welcome must not turn it into a failed install.
 */
export async function welcomeInstaller(db: Db, workspaces: Workspaces, logger: Logger, bot: InstalledBot, message: Message): Promise<void> {
  try {
    workspaces.forget(bot.id);
    let context = await workspaces.contextFor(bot.id);
    if (!context) return;
    if (!bot.isEnterpriseInstall) {
      const identity = await context.slack.auth.test();
      await db.updateTable('workspace').set({ url: identity.url ?? null, name: identity.team ?? null }).where('teamId', '=', bot.id).execute();
      workspaces.forget(bot.id);
      context = (await workspaces.contextFor(bot.id)) ?? context;
    }
    if (!bot.installerUserId) return;
    const result = await postOnce(
      context.poster,
      { channel: bot.installerUserId, text: message.text, blocks: message.blocks, unfurl_links: false },
      { eventType: 'learnloop_install_welcome', payload: { installation_id: bot.id } },
      logger,
    );
    if (result.kind === 'unknown') logger.warn({ installationId: bot.id, reason: result.reason }, 'the installer welcome may not have been sent');
  } catch (error) {
    logger.warn({ installationId: bot.id, reason: describeSlackFailure(error) }, 'could not welcome the installer');
  }
}
