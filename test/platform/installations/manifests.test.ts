import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOT_SCOPES } from '../../../src/platform/installations/bot-scopes';

const read = (name: string): string => readFileSync(join(__dirname, '../../..', name), 'utf8');

/** The items of the YAML list under `scopes:` → `bot:` (the manifests keep it a plain list). */
function botScopes(manifest: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => /^\s+bot:\s*$/.test(line));
  const scopes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+- (\S+)\s*$/.exec(line);
    if (!item) break;
    scopes.push(item[1]!);
  }
  return scopes;
}

describe('the two manifests', () => {
  const single = read('manifest.yml');
  const distribution = read('manifest.distribution.yml');

  it('ask for the bot scopes the install page asks for, in both modes', () => {
    expect(botScopes(single)).toEqual([...BOT_SCOPES]);
    expect(botScopes(distribution)).toEqual([...BOT_SCOPES]);
  });

  it('describe the same app: commands, shortcuts and events', () => {
    const shape = (manifest: string): string[] => manifest.split('\n').filter((line) => /^\s+(- command:|callback_id:|- (app_|message\.|reaction_|member_|tokens_))/.test(line)).map((line) => line.trim());
    expect(shape(distribution)).toEqual(shape(single));
  });

  it('set up distribution: the redirect URL, org-wide installs, rotating tokens and HTTP request URLs', () => {
    expect(distribution).toMatch(/redirect_urls:\n\s+- https:\/\/[^\s]+\/slack\/oauth_redirect/);
    expect(distribution).toMatch(/org_deploy_enabled: true/);
    expect(distribution).toMatch(/token_rotation_enabled: true/);
    expect(distribution).toMatch(/socket_mode_enabled: false/);
    const commands = (distribution.match(/- command:/g) ?? []).length;
    expect(commands).toBeGreaterThan(0);
    expect((distribution.match(/^\s+url: https:\/\/[^\s]+\/slack\/events$/gm) ?? []).length).toBe(commands);
    expect(distribution).toMatch(/event_subscriptions:\n\s+request_url: https:\/\/[^\s]+\/slack\/events/);
    expect(distribution).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/[^\s]+\/slack\/events/);
  });
});
