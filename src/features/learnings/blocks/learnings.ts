import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { Learning, SearchHit } from '../queries';
import { LEARNING_MAX_LENGTH } from '../rules/learning-text';
import { messagePermalink } from '../../../platform/slack/permalink';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { ids } from '../ids';
import type { Message } from '../../../platform/ui/message';
import { button, context, section } from '../../../platform/ui/blocks';

const b = ids.learning;
const SECTION_MAX = 2900;
const EXCERPT = 300;
/** The longest search query carried by a "More" button (button values hold 2,000 characters). */
export const SEARCH_QUERY_MAX = 300;

export type { Message };

/** Which learnings a list shows: one person's, or one tag's; the Delete button carries it to redraw the list. */
export interface LearningListFilter {
  authorId?: string;
  tag?: string;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The one sentence each expected outcome of the learnings commands and buttons gets. */
export const learningReplies = {
  tooLong: (length: number) =>
    `That learning has ${fmt(length)} characters; the limit is ${fmt(LEARNING_MAX_LENGTH)}. Shorten it, or type \`/learned\` alone to open the form.`,
  notAuthor: (authorId: string, verb: string) => `Only <@${authorId}>, who wrote this learning, can ${verb} it.`,
  gone: 'That learning no longer exists; it may have been deleted.',
  keptDuringOutage:
    "Learnloop can't save right now, so I've kept your learning and will save it as soon as the database is back (usually within a few minutes). You'll see the confirmation here then; no need to type it again.",
  deleted: 'Deleted.',
  privateNotShared: 'This learning is visible only to you. Make it visible to your team with Edit before sharing it.',
  /** A learning said in a private channel stays with that channel's members. */
  privateChannelOnly: (channelId: string) => `This learning was recorded in <#${channelId}>, a private channel, so it can only be shared there.`,
  alreadyShared: (channelId: string) => `This learning is already shared in <#${channelId}>.`,
  notInChannel: "I can't post in this conversation. Invite me with `/invite @Learnloop` (or share from a channel I'm in), then press Share again.",
  outOfDate: 'This form is out of date. Copy your text, close the form and start again.',
  searchUsage: 'Search the team knowledge base, e.g. `/learnloop search "code review" #reviews` (quotes for a phrase, OR for either word, -word to leave one out, #tag to filter).',
  searchTooLong: `That search is too long; keep it under ${SEARCH_QUERY_MAX} characters.`,
  noResults: (query: string) =>
    `Nothing found for “${escapeMentions(truncate(query, 100))}”. Know something about it? Record it with \`/learned\`, e.g. \`/learned Small PRs get reviewed faster #reviews\`.`,
  noMoreResults: (query: string) => `No more results for “${escapeMentions(truncate(query, 100))}”.`,
  learningsUsage: 'Use `/learnloop learnings` for yours, `/learnloop learnings @person` for a teammate’s, or `/learnloop learnings #tag` for a tag.',
} as const;


/** User text as a mrkdwn quote: cut first, then made safe (no broadcasts, no stray markup). */
function quote(text: string, max: number): string {
  const safe = escapeMentions(truncate(text, max)).replace(/\n/g, '\n>');
  return `>${truncate(safe, SECTION_MAX - 200)}`;
}

/** A URL inside `<url|label>`: characters that would end the link are percent-encoded; a huge one is named, not linked. */
function linkTo(url: string, label: string): string {
  if (url.length > 1000) return `${label} (too long to show)`;
  return `<${url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c))}|${label}>`;
}

/** A date Slack shows in the reader's own time zone. */
function dateOf(date: Date): string {
  return `<!date^${Math.floor(date.getTime() / 1000)}^{date_short}|${date.toISOString().slice(0, 10)}>`;
}

const tagList = (tags: readonly string[]): string => tags.map((tag) => `#${tag}`).join(' ');

type LearningFacts = Pick<Learning, 'tags' | 'link' | 'creditedUserId' | 'sourcePermalink' | 'visibility' | 'sharedChannelId' | 'sharedTs'>;

/** Tags, link, who it was learned from and where it came from, as one " · " line. */
function facts(learning: LearningFacts, workspaceUrl?: string): string[] {
  const parts: string[] = [];
  if (learning.tags.length > 0) parts.push(tagList(learning.tags));
  if (learning.link) parts.push(linkTo(learning.link, 'link'));
  if (learning.creditedUserId) parts.push(`learned from <@${learning.creditedUserId}>`);
  if (learning.sourcePermalink) parts.push(linkTo(learning.sourcePermalink, 'source'));
  if (learning.sharedChannelId && learning.sharedTs && workspaceUrl) {
    parts.push(linkTo(messagePermalink(workspaceUrl, learning.sharedChannelId, learning.sharedTs), 'shared message'));
  }
  if (learning.visibility === 'private') parts.push(':lock: only you');
  return parts;
}


/** The ephemeral answer to a saved (or edited) learning: what was saved, with Edit, Undo and Share to channel. */
export function learningSavedMessage(learning: Learning, options: { edited?: boolean } = {}): Message {
  const verb = options.edited ? 'Updated' : 'Saved';
  const id = String(learning.id);
  const status =
    learning.visibility === 'private'
      ? ':lock: Only you can see it.'
      : learning.sharedChannelId && learning.sharedTs
        ? `Shared in <#${learning.sharedChannelId}>.`
        : 'Your team can find it with `/learnloop search`.';
  const details = [...facts({ ...learning, visibility: 'team' }), status].join(' · ');
  const buttons: Button[] = [button(b.edit, 'Edit', id), button(b.undo, 'Undo', id)];
  if (learning.visibility === 'team' && !learning.sharedTs) buttons.push(button(b.share, 'Share to channel', id, 'primary'));
  const actions: ActionsBlock = { type: 'actions', block_id: b.savedActionsBlock, elements: buttons };
  return {
    text: `${verb} your learning.`,
    blocks: [section(`:white_check_mark: ${verb} your learning:\n${quote(learning.text, LEARNING_MAX_LENGTH)}`, b.savedBlock), context(details), actions],
  };
}

/** The card "Share to channel" posts: attributed to its author, the text made safe. */
export function sharedLearningCard(learning: Learning): Message {
  const details = facts({ ...learning, visibility: 'team', sharedChannelId: null, sharedTs: null });
  const blocks: KnownBlock[] = [section(`:bulb: <@${learning.userId}> learned:\n${quote(learning.text, LEARNING_MAX_LENGTH)}`, b.sharedBlock)];
  if (details.length > 0) blocks.push(context(details.join(' · ')));
  return { text: `<@${learning.userId}> learned: ${escapeMentions(truncate(learning.text, 200))}`, blocks };
}

/** What a shared card becomes when its learning is deleted (or made private) by its author. */
export function removedLearningCard(reason: 'removed' | 'private'): Message {
  const text = reason === 'removed' ? 'This learning was removed by its author.' : 'This learning is no longer shared; its author made it private.';
  return { text, blocks: [section(`_${text}_`, b.sharedBlock)] };
}

export interface SearchPage {
  query: string;
  hits: readonly SearchHit[];
  offset: number;
  hasMore: boolean;
  workspaceUrl: string;
}

/** The value of the "More" button: the query and where the next page starts. */
export function searchMoreValue(query: string, offset: number): string {
  return JSON.stringify({ q: query, o: offset });
}

function hitLines(hit: SearchHit, workspaceUrl: string): string {
  const parts = [hit.kind === 'learning' ? '*Learning*' : '*Prompt reply*', hit.userId ? `<@${hit.userId}>` : 'anonymous', dateOf(hit.createdAt)];
  if (hit.kind === 'reply') {
    if (hit.permalink) parts.push(linkTo(hit.permalink, 'view in thread'));
  } else {
    parts.push(...facts({ ...hit, visibility: hit.visibility === 'private' ? 'private' : 'team' }, workspaceUrl));
  }
  return `${quote(hit.text, EXCERPT)}\n${parts.join(' · ')}`;
}

/** `/learnloop search`: one page of at most 10 hits, best first, with "More" when there are others. */
export function searchResultsMessage(page: SearchPage): Message {
  if (page.hits.length === 0) {
    const text = page.offset === 0 ? learningReplies.noResults(page.query) : learningReplies.noMoreResults(page.query);
    return { text, blocks: [section(text, b.searchBlock)] };
  }
  const first = page.offset + 1;
  const last = page.offset + page.hits.length;
  const heading = `*Results ${first}–${last} for “${escapeMentions(truncate(page.query, 200))}”*`;
  const blocks: KnownBlock[] = [section(heading, b.searchBlock)];
  page.hits.forEach((hit, i) => blocks.push(section(hitLines(hit, page.workspaceUrl), `${b.resultBlockPrefix}${page.offset + i + 1}`)));
  if (page.hasMore) {
    blocks.push({ type: 'actions', block_id: b.searchMoreBlock, elements: [button(b.searchMore, 'More', searchMoreValue(page.query, last))] });
  }
  blocks.push(context('"exact phrase" · word OR word · -word leaves it out · #tag filters. Only you can see this.'));
  return { text: `Results ${first}–${last} for your search`, blocks };
}

/** The value of a Delete button: the learning and the list to redraw afterwards. */
export function deleteValue(id: number, filter: LearningListFilter): string {
  return JSON.stringify({ id, ...(filter.authorId ? { a: filter.authorId } : {}), ...(filter.tag ? { t: filter.tag } : {}) });
}

export interface LearningList {
  learnings: readonly Learning[];
  viewerId: string;
  filter: LearningListFilter;
  workspaceUrl: string;
  /** A line above the list, e.g. what was just deleted. */
  note?: string;
}

/** "Your recent learnings", "Recent learnings from @x" or "Recent learnings tagged #x". */
function listHeading(list: LearningList): string {
  const { authorId, tag } = list.filter;
  if (tag) return `Recent learnings tagged #${tag}`;
  return authorId === list.viewerId ? 'Your recent learnings' : `Recent learnings from <@${authorId}>`;
}

/** `/learnloop learnings`: recent learnings of a person or a tag; the viewer's own carry a Delete button. */
export function learningListMessage(list: LearningList): Message {
  const blocks: KnownBlock[] = list.note ? [context(list.note)] : [];
  if (list.learnings.length === 0) {
    const own = list.filter.authorId === list.viewerId && !list.filter.tag;
    const text = own
      ? 'You have not recorded any learnings yet. Try `/learned Small PRs get reviewed faster #reviews`.'
      : `${listHeading(list).replace(/^Recent learnings/, 'No learnings')} that you can see yet.`;
    return { text, blocks: [...blocks, section(text, b.listBlock)] };
  }
  blocks.push(section(`*${listHeading(list)}* (the last ${list.learnings.length})`, b.listBlock));
  for (const learning of list.learnings) {
    const author = learning.anonymous && learning.userId !== list.viewerId ? 'anonymous' : `<@${learning.userId}>`;
    const line = `${quote(learning.text, EXCERPT)}\n${[author, dateOf(learning.createdAt), ...facts(learning, list.workspaceUrl)].join(' · ')}`;
    const block = section(line, `${b.itemBlockPrefix}${learning.id}`);
    if (learning.userId === list.viewerId) {
      block.accessory = {
        ...button(b.delete, 'Delete', deleteValue(learning.id, list.filter), 'danger'),
        confirm: {
          title: { type: 'plain_text', text: 'Delete this learning?' },
          text: { type: 'plain_text', text: 'It is removed for good, with its shared card if it was shared.' },
          confirm: { type: 'plain_text', text: 'Delete' },
          deny: { type: 'plain_text', text: 'Keep it' },
        },
      };
    }
    blocks.push(block);
  }
  return { text: listHeading(list), blocks };
}
