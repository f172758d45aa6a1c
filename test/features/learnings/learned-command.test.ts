import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const Z = '\u200B';
const CHANNEL = 'C0GENERAL';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const SOMETHING_WENT_WRONG = 'Something went wrong on our side and nothing was saved; please try again.';

const buttonIds = (message: { blocks?: any[] }): string[] => (blockById(message.blocks, 'learning_saved_actions')?.elements ?? []).map((e: any) => e.action_id);

interface FormFields {
  text?: string;
  tags?: string;
  link?: string;
  visibility?: 'team' | 'private';
  source?: string;
}

describe('/learned and the learning form', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    // The channel `/learned` runs in, and its people (the form is checked against them).
    app.slack.channelMembers.set(CHANNEL, [ALICE, BOB]);
  });
  afterAll(async () => {
    await app.stop();
  });

  const learnings = () => app.db.selectFrom('learning').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();
  const learning = (id: number) => app.db.selectFrom('learning').selectAll().where('id', '=', id).executeTakeFirst();
  const responseTo = (id: string) => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);

  /** `/learned TEXT` as ALICE (or `user`); resolves with the confirmation, which is the command's own answer. */
  async function learned(text: string, user = ALICE): Promise<{ reply: any; id: number }> {
    const responseId = `learned-${++counter}`;
    const response = await app.command('/learned', text, { user_id: user, channel_id: CHANNEL, response_url: app.slack.responseUrl(responseId), trigger_id: `trigger-${responseId}` });
    expect(response.status).toBe(200);
    // Stored before the answer: nothing is left to send through the response_url.
    const reply = response.body;
    expect(reply.response_type).toBe('ephemeral');
    const id = Number(blockById(reply.blocks, 'learning_saved_actions')?.elements?.[0]?.value);
    return { reply, id };
  }

  /** A button press on an ephemeral Learnloop message; resolves with what was sent to its response_url. */
  async function press(user: string, actionId: string, value: string, options: { team?: string; silent?: boolean } = {}): Promise<any> {
    const responseId = `press-${++counter}`;
    const response = await app.interaction({
      type: 'block_actions',
      ...(options.team ? { team: { id: options.team, domain: 'other' } } : {}),
      user: { id: user, username: user.toLowerCase(), team_id: options.team ?? app.teamId },
      trigger_id: `trigger-${responseId}`,
      response_url: app.slack.responseUrl(responseId),
      channel: { id: CHANNEL, name: 'general' },
      container: { type: 'message', message_ts: '1790000000.000100', channel_id: CHANNEL, is_ephemeral: true },
      actions: [{ type: 'button', action_id: actionId, block_id: 'learning_saved_actions', value, action_ts: '1790000000.1' }],
    });
    expect(response.status).toBe(200);
    return options.silent ? undefined : responseTo(responseId);
  }

  function submit(user: string, metadata: Record<string, unknown>, fields: FormFields) {
    const input = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
    const option = (value: string | undefined) => ({ selected_option: value ? { value } : null });
    const values: Record<string, any> = {
      learning_text: { learning_text_input: input(fields.text) },
      learning_tags: { learning_tags_input: input(fields.tags) },
      learning_link: { learning_link_input: input(fields.link) },
      learning_visibility: { learning_visibility_input: { type: 'radio_buttons', ...option(fields.visibility ?? 'team') } },
    };
    if (fields.source) values.learning_source = { learning_source_input: { type: 'static_select', ...option(fields.source) } };
    return app.interaction({
      type: 'view_submission',
      user: { id: user, team_id: app.teamId },
      view: { id: `V${++counter}`, callback_id: 'learning_modal', private_metadata: JSON.stringify(metadata), state: { values } },
    });
  }

  describe('one gesture', () => {
    it('saves the text with its #tags and link, and answers privately with Edit, Undo and Share to channel', async () => {
      const { reply, id } = await learned('Small PRs get reviewed faster #Reviews #testing #reviews https://example.com/prs?a=1&amp;b=2');
      const row = await learning(id);
      expect(row).toMatchObject({
        teamId: app.teamId,
        userId: ALICE,
        text: 'Small PRs get reviewed faster #Reviews #testing #reviews https://example.com/prs?a=1&amp;b=2',
        tags: ['reviews', 'testing'],
        link: 'https://example.com/prs?a=1&b=2',
        visibility: 'team',
        source: 'experience',
        channelId: CHANNEL,
        sharedTs: null,
      });
      expect(textOf(blockById(reply.blocks, 'learning_saved'))).toContain('Small PRs get reviewed faster');
      expect(reply.blocks.find((b: any) => b.type === 'context').elements[0].text).toContain('#reviews #testing');
      expect(buttonIds(reply)).toEqual(['learning_edit', 'learning_undo', 'learning_share']);
      expect(blockById(reply.blocks, 'learning_saved_actions').elements.map((e: any) => e.value)).toEqual([String(id), String(id), String(id)]);
    });

    it('keeps emoji tags, typed as emoji or as the shortcodes Slack sends, and shows them in the answer', async () => {
      const { reply, id } = await learned('We shipped the checkout rewrite #🎉 #:tada: #release🚀');
      expect((await learning(id))!.tags).toEqual(['🎉', ':tada:', 'release🚀']);
      expect(reply.blocks.find((b: any) => b.type === 'context').elements[0].text).toContain('#🎉 #:tada: #release🚀');
    });

    it('refuses more than 3,000 characters at once, with the count and a hint to use the form', async () => {
      const before = (await learnings()).length;
      const response = await app.command('/learned', 'x'.repeat(3001), { user_id: ALICE, channel_id: CHANNEL });
      expect(response.body.response_type).toBe('ephemeral');
      expect(response.body.text).toContain('3,001 characters');
      expect(response.body.text).toContain('`/learned` alone');
      expect((await learnings()).length).toBe(before);
    });
  });

  describe('Undo', () => {
    it('deletes the row for its author and replaces the answer with "Deleted."', async () => {
      const { id } = await learned('Undo me #temp');
      const answer = await press(ALICE, 'learning_undo', String(id));
      expect(answer).toMatchObject({ replace_original: true, text: 'Deleted.' });
      expect(await learning(id)).toBeUndefined();
    });

    it('refuses anyone but the author and keeps the learning', async () => {
      const { id } = await learned('Only Alice may undo this');
      const answer = await press(BOB, 'learning_undo', String(id));
      expect(answer.replace_original).toBe(false);
      expect(answer.text).toBe(`Only <@${ALICE}>, who wrote this learning, can delete it.`);
      expect(await learning(id)).toMatchObject({ id, userId: ALICE, text: 'Only Alice may undo this' });
    });

    it('never reaches a learning of another workspace', async () => {
      const { id } = await learned('Tenant-bound learning');
      const answer = await press(ALICE, 'learning_undo', String(id), { team: 'T0OTHER' });
      expect(answer.text).toBe('That learning no longer exists; it may have been deleted.');
      expect(await learning(id)).toMatchObject({ id, teamId: app.teamId, text: 'Tenant-bound learning' });
    });
  });

  describe('Share to channel', () => {
    it('posts an attributed card with mentions made harmless, and records where', async () => {
      const { id } = await learned('<!channel> @here we learned that <@U0BOB|bob> & <!subteam^S1|@devs> review fast #ops');
      const answer = await press(ALICE, 'learning_share', String(id));
      const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL && String(c.params.text).includes('review fast'));
      expect(posts).toHaveLength(1);
      const post = posts[0];
      const card = blockById(post!.params.blocks, 'learning_shared');
      for (const text of [post!.params.text as string, textOf(card)]) {
        expect(text).toMatch(new RegExp(`^(:bulb: )?<@${ALICE}> learned:`));
        expect(text).not.toContain('<!channel>');
        expect(text).not.toContain('<!subteam');
        expect(text).not.toMatch(/(^|[^\u200B])@here/);
        expect(text).toContain(`@${Z}channel`);
        expect(text).toContain('<@U0BOB|bob>');
      }
      const row = await learning(id);
      expect(row).toMatchObject({ sharedChannelId: CHANNEL, sharedTs: expect.stringMatching(/^\d+\.\d+$/) });
      expect(answer.replace_original).toBe(true);
      expect(answer.blocks.find((b: any) => b.type === 'context').elements[0].text).toContain(`Shared in <#${CHANNEL}>`);
      expect(buttonIds(answer)).toEqual(['learning_edit', 'learning_undo']);
    });

    it('refuses to share someone else’s learning', async () => {
      const { id } = await learned('Alice shares her own');
      const before = app.slack.callsTo('chat.postMessage').length;
      const answer = await press(BOB, 'learning_share', String(id));
      expect(answer.text).toBe(`Only <@${ALICE}>, who wrote this learning, can share it.`);
      expect(app.slack.callsTo('chat.postMessage').length).toBe(before);
    });

    it('says so when the bot cannot post in the channel', async () => {
      const { id } = await learned('Nobody invited the bot');
      app.slack.fail('chat.postMessage', { error: 'not_in_channel' });
      const answer = await press(ALICE, 'learning_share', String(id));
      expect(answer.text).toContain('/invite @Learnloop');
      expect((await learning(id))?.sharedTs).toBeNull();
      // Once the bot is invited, sharing works: the failed try left no claim behind.
      await press(ALICE, 'learning_share', String(id));
      expect(await learning(id)).toMatchObject({ sharedChannelId: CHANNEL, sharedTs: expect.stringMatching(/^\d+\.\d+$/) });
    });

    it('posts one card for a double click', async () => {
      const { id } = await learned('Double clickers get one card');
      app.slack.latencyMs = 150; // the first click's card is still on its way when the second arrives
      let answers: any[];
      try {
        answers = await Promise.all([press(ALICE, 'learning_share', String(id)), press(ALICE, 'learning_share', String(id))]);
      } finally {
        app.slack.latencyMs = 0;
      }
      const cards = app.slack.callsTo('chat.postMessage').filter((c) => String(c.params.text).includes('Double clickers'));
      expect(cards).toHaveLength(1);
      expect(answers.filter((a) => a.text === `This learning is already shared in <#${CHANNEL}>.`)).toHaveLength(1);
      expect((await learning(id))?.sharedTs).toMatch(/^\d+\.\d+$/);
    });

    it('counts reactions on the shared card, once per event, and takes removed ones off', async () => {
      const { id } = await learned('Reactions rank the digest');
      await press(ALICE, 'learning_share', String(id));
      const { sharedTs } = (await learning(id))!;
      const reaction = (type: 'reaction_added' | 'reaction_removed', user: string, ts = sharedTs!, eventId?: string) =>
        app.event({ type, user, reaction: 'bulb', item: { type: 'message', channel: CHANNEL, ts }, item_user: 'U0BOT', event_ts: '1790000000.000900' }, eventId ? { eventId } : {});
      const count = async () => (await learning(id))!.reactionCount;

      await reaction('reaction_added', BOB, sharedTs!, 'EvReact1');
      await reaction('reaction_added', BOB, sharedTs!, 'EvReact1'); // Slack's redelivery
      expect(await count()).toBe(1);
      await reaction('reaction_added', 'U0CAROL');
      await reaction('reaction_added', 'U0BOT'); // Learnloop's own reaction does not count
      await reaction('reaction_added', BOB, '1790000000.999999'); // another message
      expect(await count()).toBe(2);
      await reaction('reaction_removed', BOB);
      expect(await count()).toBe(1);
      await reaction('reaction_removed', 'U0CAROL');
      await reaction('reaction_removed', 'U0CAROL');
      expect(await count()).toBe(0);
    });

    it('deletes the shared card on Undo', async () => {
      const { id } = await learned('Shared, then undone');
      await press(ALICE, 'learning_share', String(id));
      const { sharedTs } = (await learning(id))!;
      await press(ALICE, 'learning_undo', String(id));
      const removal = await app.slack.waitFor(() => app.slack.callsTo('chat.delete').find((c) => c.params.ts === sharedTs));
      expect(removal.params.channel).toBe(CHANNEL);
      expect(await learning(id)).toBeUndefined();
    });

    it('overwrites the shared card when Slack will not delete it', async () => {
      const { id } = await learned('Shared, then undone, card stuck');
      await press(ALICE, 'learning_share', String(id));
      const { sharedTs } = (await learning(id))!;
      app.slack.fail('chat.delete', { error: 'cant_delete_message' });
      await press(ALICE, 'learning_undo', String(id));
      const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update').find((c) => c.params.ts === sharedTs));
      expect(update.params.text).toBe('This learning was removed by its author.');
    });
  });

  describe('Edit', () => {
    it('opens the form pre-filled for the author, and saving updates the learning and the answer', async () => {
      const { id } = await learned('Pairing helps #pairing https://example.com/pair');
      await press(ALICE, 'learning_edit', String(id), { silent: true });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.view?.private_metadata?.includes(`"learningId":${id}`)));
      const view = open.params.view;
      expect(view.callback_id).toBe('learning_modal');
      expect(blockById(view.blocks, 'learning_text').element.initial_value).toBe('Pairing helps #pairing https://example.com/pair');
      expect(blockById(view.blocks, 'learning_tags').element.initial_value).toBe('pairing');
      expect(blockById(view.blocks, 'learning_link').element.initial_value).toBe('https://example.com/pair');
      expect(blockById(view.blocks, 'learning_visibility').element.initial_option.value).toBe('team');
      const metadata = JSON.parse(view.private_metadata);
      expect(metadata).toMatchObject({ mode: 'edit', learningId: id, channelId: CHANNEL });

      const response = await submit(ALICE, metadata, { text: 'Pairing on reviews helps', tags: 'pairing, reviews', link: '', visibility: 'private', source: 'colleague' });
      expect(response.status).toBe(200);
      expect(response.body).toBeUndefined();
      expect(await learning(id)).toMatchObject({ text: 'Pairing on reviews helps', tags: ['pairing', 'reviews'], link: null, visibility: 'private', source: 'colleague', updatedAt: expect.any(Date) });
      const updated = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === metadata.responseUrl.replace(/^.*(\/response\/)/, '$1') && r.body.text === 'Updated your learning.')?.body);
      expect(updated.replace_original).toBe(true);
      expect(buttonIds(updated)).toEqual(['learning_edit', 'learning_undo']);
    });

    it('refuses to open the form for someone else’s learning', async () => {
      const { id } = await learned('Bob cannot edit this');
      const opened = app.slack.callsTo('views.open').length;
      const answer = await press(BOB, 'learning_edit', String(id));
      expect(answer.text).toBe(`Only <@${ALICE}>, who wrote this learning, can edit it.`);
      expect(app.slack.callsTo('views.open').length).toBe(opened);
    });

    it('refuses a forged edit submission from someone else', async () => {
      const { id } = await learned('Still Alice’s');
      const response = await submit(BOB, { mode: 'edit', learningId: id }, { text: 'Bob was here' });
      expect(response.body).toEqual({ response_action: 'errors', errors: { learning_text: `Only <@${ALICE}>, who wrote this learning, can edit it.` } });
      expect((await learning(id))?.text).toBe('Still Alice’s');
    });
  });

  describe('the form', () => {
    it('opens from `/learned` alone and saves a private learning with its source', async () => {
      const responseId = `learned-${++counter}`;
      await app.command('/learned', '  ', { user_id: ALICE, channel_id: CHANNEL, response_url: app.slack.responseUrl(responseId), trigger_id: 'trigger-alone' });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === 'trigger-alone'));
      const view = open.params.view;
      expect(view.callback_id).toBe('learning_modal');
      expect(blockById(view.blocks, 'learning_text').element.max_length).toBe(3000);
      expect(blockById(view.blocks, 'learning_source').element.options.map((o: any) => o.value)).toEqual(['experience', 'colleague', 'review', 'reading', 'course']);
      expect(blockById(view.blocks, 'learning_visibility').element.options.map((o: any) => o.value)).toEqual(['team', 'private']);
      const metadata = JSON.parse(view.private_metadata);
      expect(metadata).toMatchObject({ mode: 'create', channelId: CHANNEL });

      const response = await submit(ALICE, metadata, { text: 'My salary negotiation notes', tags: '#Career', link: '<https://example.com/negotiate|notes>', visibility: 'private', source: 'reading' });
      expect(response.body).toBeUndefined();
      const saved = (await learnings()).at(-1);
      expect(saved).toMatchObject({ userId: ALICE, text: 'My salary negotiation notes', tags: ['career'], link: 'https://example.com/negotiate', visibility: 'private', source: 'reading', channelId: CHANNEL });
      const confirmation = await responseTo(responseId);
      expect(confirmation).toMatchObject({ response_type: 'ephemeral', text: 'Saved your learning.' });
      // A private learning has nothing to share.
      expect(buttonIds(confirmation)).toEqual(['learning_edit', 'learning_undo']);
    });

    it.each([
      ['empty', { text: '   ' }, { learning_text: 'Write what you learned first, or press Cancel.' }],
      ['too long', { text: 'y'.repeat(3001) }, { learning_text: 'Keep it to 3,000 characters (this one has 3,001).' }],
      ['a bad link', { text: 'Fine text', link: 'example.com/notes' }, { learning_link: 'That is not a web link. Use one that starts with https://, e.g. https://example.com/retro-notes' }],
      ['too many tags', { text: 'Fine text', tags: 'a b c d e f g h i j k' }, { learning_tags: 'Use at most 10 tags (this has 11).' }],
      ['several problems at once', { text: '', link: 'nope' }, { learning_text: 'Write what you learned first, or press Cancel.', learning_link: expect.stringContaining('not a web link') }],
    ])('answers %s with field errors and saves nothing', async (_name, fields, errors) => {
      const before = (await learnings()).length;
      const response = await submit(ALICE, { mode: 'create', channelId: CHANNEL }, fields);
      expect(response.body).toEqual({ response_action: 'errors', errors });
      expect((await learnings()).length).toBe(before);
    });

    it('asks to start again when the form is out of date', async () => {
      const response = await submit(ALICE, { mode: 'sideways' }, { text: 'Fine' });
      expect(response.body.errors.learning_text).toContain('out of date');
    });

    it('answers an unexpected failure with one calm line', async () => {
      const responseId = `learned-${++counter}`;
      app.slack.fail('views.open', { error: 'internal_error' });
      await app.command('/learned', '', { user_id: ALICE, channel_id: CHANNEL, response_url: app.slack.responseUrl(responseId) });
      expect((await responseTo(responseId)).text).toBe(SOMETHING_WENT_WRONG);
    });
  });
});

function textOf(block: any): string {
  return block?.text?.text ?? '';
}
