import { messagePermalink, parseWorkspacePermalink } from '../../../src/platform/slack/permalink';

const WORKSPACE = 'https://acme.slack.com/';

describe('parseWorkspacePermalink', () => {
  it.each([
    ['a message', 'C0TEAM', '1790000100.000200', undefined],
    ['a thread reply', 'C0TEAM', '1790000101.000300', '1790000100.000200'],
    ['a message in a private channel', 'G0SECRET', '1790000100.000200', undefined],
    ['a message in a DM', 'D0ALICE', '1790000100.000200', undefined],
  ])('reads back the permalink Learnloop builds for %s', (_what, channelId, ts, threadTs) => {
    const url = messagePermalink(WORKSPACE, channelId, ts, threadTs);
    expect(parseWorkspacePermalink(WORKSPACE, url)).toEqual({ channelId, ts, ...(threadTs ? { threadTs } : {}) });
  });

  it.each([
    ['another host', 'https://evil.example/archives/C0TEAM/p1790000100000200'],
    ['a look-alike host', 'https://acme.slack.com.evil.example/archives/C0TEAM/p1790000100000200'],
    ['another workspace', 'https://other.slack.com/archives/C0TEAM/p1790000100000200'],
    ['plain http', 'http://acme.slack.com/archives/C0TEAM/p1790000100000200'],
    ['extra path', 'https://acme.slack.com/archives/C0TEAM/p1790000100000200/../../redirect'],
    ['another query', 'https://acme.slack.com/archives/C0TEAM/p1790000100000200?next=https://evil.example'],
    ['a cid for another channel', 'https://acme.slack.com/archives/C0TEAM/p1790000101000300?thread_ts=1790000100.000200&cid=C0OTHER'],
    ['a thread_ts equal to the ts', 'https://acme.slack.com/archives/C0TEAM/p1790000100000200?thread_ts=1790000100.000200&cid=C0TEAM'],
    ['a user id for a channel', 'https://acme.slack.com/archives/U0ALICE/p1790000100000200'],
    ['no timestamp', 'https://acme.slack.com/archives/C0TEAM'],
  ])('refuses %s', (_what, url) => {
    expect(parseWorkspacePermalink(WORKSPACE, url)).toBeNull();
  });

  it('accepts a workspace URL written without its trailing slash', () => {
    expect(parseWorkspacePermalink('https://acme.slack.com', 'https://acme.slack.com/archives/C0TEAM/p1790000100000200')).toEqual({ channelId: 'C0TEAM', ts: '1790000100.000200' });
  });
});
