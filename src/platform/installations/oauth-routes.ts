import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, InstallProvider, type CodedError, type Installation, type InstallationStore, type InstallURLOptions } from '@slack/oauth';
import type { Logger } from '../../logger';
import { slackLogger } from '../../logger';
import type { Distribution } from '../../config';
import type { Db } from '../db/connect';
import { BOT_SCOPES } from './bot-scopes';
import { PostgresStateStore, STATE_LIFETIME_MS } from './oauth-state-store';
import { installationIdOf } from './installation-store';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** An install with no state that is not org-wide: only Slack's admin pages may begin an install without one. */
class StatelessWorkspaceInstall extends Error {
  override name = 'StatelessWorkspaceInstall';
  readonly code = 'slack_oauth_stateless_workspace_install';
}

/**
 * The OAuth install routes of distribution mode, on the official InstallProvider: GET /slack/install
 * (an "Add to Slack" page that sets the state cookie) and GET /slack/oauth_redirect (state checked
 * against the cookie and PostgreSQL, code exchanged through SLACK_API_URL, installation stored).
 * Failures answer 400 with one plain sentence and store nothing.
 */
export function oauthRoutes(options: {
  db: Db;
  logger: Logger;
  distribution: Distribution;
  slackApiUrl: string | undefined;
  installationStore: InstallationStore;
  now: () => Date;
}): Map<string, RouteHandler> {
  const { distribution, logger } = options;
  const installUrlOptions: InstallURLOptions = { scopes: [...BOT_SCOPES], redirectUri: distribution.redirectUri };
  const common = {
    clientId: distribution.clientId,
    clientSecret: distribution.clientSecret,
    stateSecret: distribution.stateSecret,
    installUrlOptions,
    // oauth.v2.access and auth.test go where every other Web API call goes.
    clientOptions: { slackApiUrl: options.slackApiUrl },
    logger: slackLogger(logger),
    stateCookieExpirationSeconds: STATE_LIFETIME_MS / 1000,
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    renderHtmlForInstallPath: addToSlackPage,
  };
  const installer = new InstallProvider({ ...common, stateStore: new PostgresStateStore(options.db, distribution.stateSecret, options.now), installationStore: options.installationStore });
  // Org-wide installs begun from Slack's admin pages carry no state; only those are accepted without one.
  const adminInstaller = new InstallProvider({
    ...common,
    stateVerification: false,
    installationStore: {
      ...options.installationStore,
      fetchInstallation: (query) => options.installationStore.fetchInstallation(query),
      storeInstallation: async (installation: Installation) => {
        if (!installation.isEnterpriseInstall) throw new StatelessWorkspaceInstall('an install without a state that is not org-wide');
        await options.installationStore.storeInstallation(installation);
      },
    },
  });

  const callbacks = {
    successAsync: async (installation: Installation, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      const id = installationIdOf(installation);
      logger.info({ installationId: id, enterpriseInstall: installation.isEnterpriseInstall === true }, 'Learnloop was installed');
      page(res, 200, 'Learnloop is installed', successBody(installation));
    },
    failure: (error: CodedError, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
      logger.warn({ code: error.code, reason: error.message }, 'an OAuth install did not complete; nothing was stored');
      page(res, 400, 'Learnloop was not installed', failureSentence(error));
    },
  };

  return new Map<string, RouteHandler>([
    ['/slack/install', (req, res) => installer.handleInstallPath(req, res, undefined, installUrlOptions)],
    [
      '/slack/oauth_redirect',
      async (req, res) => {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const stateless = !query.has('state') && !query.has('error') && query.has('code');
        await (stateless ? adminInstaller : installer).handleCallback(req, res, callbacks);
      },
    ],
  ]);
}

/** One plain sentence per way an install can fail; never a stack trace or a Slack error code. */
export function failureSentence(error: CodedError): string {
  switch (error.code) {
    case ErrorCode.AuthorizationError:
      return 'The installation was cancelled in Slack, so nothing was installed.';
    case ErrorCode.MissingStateError:
    case ErrorCode.InvalidStateError:
      return 'This install link has expired, was already used or was opened in another browser; start again from the Add to Slack page.';
    case ErrorCode.MissingCodeError:
      return 'Slack did not send an authorization code, so nothing was installed; start again from the Add to Slack page.';
    case 'slack_oauth_stateless_workspace_install':
      return 'Only org-wide installs from Slack’s admin pages can skip the Add to Slack page; start again from the Add to Slack page.';
    default:
      return 'Slack did not confirm the installation, so nothing was stored; please try again from the Add to Slack page.';
  }
}

function successBody(installation: Installation): string {
  const team = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  const link = `https://slack.com/app_redirect?app=${encodeURIComponent(installation.appId ?? '')}&team=${encodeURIComponent(team ?? '')}`;
  const where = installation.isEnterpriseInstall ? 'your organisation' : escapeHtml(installation.team?.name ?? 'your workspace');
  return `Learnloop is installed in ${where}. <a href="${escapeHtml(link)}">Open Slack</a>; the installer has a welcome message from Learnloop there.`;
}

function addToSlackPage(url: string): string {
  return html(
    'Add Learnloop to Slack',
    `<p>Learnloop nudges team learning in the flow of work: reflection prompts, after-action reviews, learnings and feedback.</p>
<p><a href="${escapeHtml(url)}"><img alt="Add to Slack" height="40" width="139" src="https://platform.slack-edge.com/img/add_to_slack.png" srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x" /></a></p>`,
  );
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html(title, `<p>${body}</p>`));
}

function html(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
