import { z } from 'zod';
import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { botIsInChannel } from '../../../platform/slack/channels';
import { safeJson } from '../../../platform/slack/safe-json';
import { findCommunity, insertCommunity } from '../queries';
import { NAME_MAX, parseTags } from '../rules';
import { ids } from '../ids';
import { communityReplies } from '../blocks';
import { askCommunity } from '../flows/ask';

const b = ids.community;
const WEEK_MS = 7 * 86_400_000;

/** The new-community form: a name, tags that parse, a home channel Learnloop is in. */
export function communityFormSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not start a community', errorBlock: b.nameBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const v = view.state.values;
    const name = (v[b.nameBlock]?.[b.nameInput]?.value ?? '').replace(/["“”]/g, '').trim();
    const purpose = (v[b.purposeBlock]?.[b.purposeInput]?.value ?? '').trim() || null;
    const tags = parseTags((v[b.tagsBlock]?.[b.tagsInput]?.value ?? '').split(/[\s,]+/).filter(Boolean));
    const homeChannelId = v[b.homeBlock]?.[b.homeInput]?.selected_conversation ?? '';
    const leads = v[b.leadsBlock]?.[b.leadsInput]?.selected_users ?? [];
    const errors: Record<string, string> = {};
    if (name === '' || name.length > NAME_MAX) errors[b.nameBlock] = `A name of 1 to ${NAME_MAX} characters, e.g. Testing.`;
    if (typeof tags === 'string') errors[b.tagsBlock] = tags;
    else if (tags.length === 0) errors[b.tagsBlock] = 'Give at least one #tag, e.g. #testing.';
    if (!homeChannelId) errors[b.homeBlock] = 'Pick the home channel.';
    else if (!(await botIsInChannel(client, homeChannelId))) errors[b.homeBlock] = 'Learnloop is not in that channel yet: invite it with /invite @Learnloop.';
    if (Object.keys(errors).length > 0 || typeof tags === 'string') return void (await ack({ response_action: 'errors', errors }));
    const community = await insertCommunity(deps.db, { teamId, name, purpose, tags, homeChannelId, createdBy: userId, leadIds: leads.length > 0 ? [...new Set(leads)] : [userId], nextDigestAt: new Date(deps.clock.now().getTime() + WEEK_MS) });
    if (!community) return void (await ack({ response_action: 'errors', errors: { [b.nameBlock]: communityReplies.exists(name).slice(0, 150) } }));
    await ack();
    deps.logger.info({ teamId, userId, communityId: community.id }, 'community created');
    await client.chat.postMessage({ channel: community.homeChannelId, text: `:seedling: This is now the home of the “${community.name}” community. Join with \`/learnloop community join "${community.name}"\`.` }).catch(() => undefined);
    await client.chat.postMessage({ channel: userId, text: communityReplies.created(community) }).catch(() => undefined);
  });
}

/** The ask form (from the message shortcut). */
export function communityAskSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'poster'>) {
  return viewSubmission(deps, { failure: 'could not ask a community', errorBlock: b.askTextBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const v = view.state.values;
    const community = await findCommunity(deps.db, teamId, Number(v[b.askCommunityBlock]?.[b.askCommunityInput]?.selected_option?.value));
    if (!community || community.status !== 'active') return void (await ack({ response_action: 'errors', errors: { [b.askCommunityBlock]: 'Pick an active community.' } }));
    const question = (v[b.askTextBlock]?.[b.askTextInput]?.value ?? '').trim();
    if (question === '') return void (await ack({ response_action: 'errors', errors: { [b.askTextBlock]: 'Write your question.' } }));
    const anonymous = (v[b.askAnonymousBlock]?.[b.askAnonymousInput]?.selected_options ?? []).length > 0;
    const meta = z.object({ sourcePermalink: z.string().url().nullable() }).safeParse(safeJson(view.private_metadata));
    await ack();
    const reply = await askCommunity(deps, client, { community, askerId: userId, anonymous, question, sourcePermalink: meta.success ? meta.data.sourcePermalink : null });
    await client.chat.postMessage({ channel: userId, text: reply }).catch(() => undefined);
  });
}
