import { pairKey, pairMembers, parseAsk, parseCommunityCommand, tagsIn } from '../../../src/features/communities/rules';

/** A repeatable random sequence. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('community rules', () => {
  it.each([
    ['', { kind: 'list' }],
    ['new', { kind: 'form' }],
    ['join "Incident response"', { kind: 'join', name: 'Incident response' }],
    ['tags Testing #tests #QA', { kind: 'tags', name: 'Testing', tags: ['tests', 'qa'] }],
    ['lead Testing <@U0BOB|bob>', { kind: 'lead', name: 'Testing', userId: 'U0BOB' }],
    ['pairing Testing on', { kind: 'pairing', name: 'Testing', on: true }],
    ['pair Testing', { kind: 'pair', name: 'Testing' }],
  ])('reads `community %s`', (text, expected) => {
    expect(parseCommunityCommand(text)).toEqual(expected);
  });

  it.each(['join', 'tags Testing #no!', 'pairing Testing maybe', 'dance Testing'])('explains `community %s` with examples', (text) => {
    const parsed = parseCommunityCommand(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problem).toContain('/learnloop community list');
  });

  it('reads a question, named or not', () => {
    expect(parseAsk('"Testing" How do you test cron jobs? #cron')).toEqual({ name: 'Testing', anonymous: false, question: 'How do you test cron jobs? #cron' });
    expect(parseAsk('Leadership anonymously: How do I say no?')).toEqual({ name: 'Leadership', anonymous: true, question: 'How do I say no?' });
    expect(parseAsk('Testing')).toMatchObject({ problem: expect.stringContaining('/learnloop ask "Testing"') });
    expect(tagsIn('How do we test #Cron jobs and #queues? not#this')).toEqual(['cron', 'queues']);
  });

  describe('coffee pairing', () => {
    const members = [
      { userId: 'U1', team: 'C0A' },
      { userId: 'U2', team: 'C0A' },
      { userId: 'U3', team: 'C0B' },
      { userId: 'U4', team: 'C0B' },
      { userId: 'U5', team: 'C0C' },
    ];

    it('pairs people from different teams and puts the odd one in a group of three', () => {
      for (let seed = 1; seed <= 20; seed++) {
        const { groups, unpaired } = pairMembers(members, new Set(), seeded(seed));
        expect(unpaired).toEqual([]);
        expect(groups.flat().sort()).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
        expect(groups.filter((g) => g.length === 3)).toHaveLength(1);
        for (const group of groups) {
          const teams = group.map((id) => members.find((m) => m.userId === id)!.team);
          expect(new Set(teams).size).toBe(teams.length);
        }
      }
    });

    it('never pairs two people who met in the recent rounds, and says who could not be paired', () => {
      const recent = new Set([pairKey('U1', 'U3'), pairKey('U1', 'U4'), pairKey('U1', 'U5')]);
      for (let seed = 1; seed <= 20; seed++) {
        const { groups, unpaired } = pairMembers(members, recent, seeded(seed));
        for (const group of groups) for (const a of group) for (const b of group) if (a !== b) expect(recent.has(pairKey(a, b))).toBe(false);
        // U1 may only meet U2, who is in the same team: U1 sits this round out.
        expect(unpaired).toEqual(['U1']);
      }
    });

    it('handles two people from the same team, and a single person', () => {
      expect(pairMembers([{ userId: 'U1', team: 'C0A' }, { userId: 'U2', team: 'C0A' }], new Set(), seeded(3)).unpaired.sort()).toEqual(['U1', 'U2']);
      expect(pairMembers([{ userId: 'U1', team: null }], new Set(), seeded(3))).toEqual({ groups: [], unpaired: ['U1'] });
    });
  });
});
