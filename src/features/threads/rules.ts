/** What a Slack `message` event means for reply capture. */
export type MessageChange =
  | { kind: 'reply'; channelId: string; threadTs: string; ts: string; userId: string; text: string; /** Said in a private channel or group DM. */ channelPrivate: boolean }
  | { kind: 'edit'; channelId: string; ts: string; text: string; /** Slack's ts of this edit, when it says. */ editedTs: string | null }
  | { kind: 'delete'; channelId: string; ts: string }
  | { kind: 'ignore'; reason: string };

interface RawMessage {
  type?: unknown;
  subtype?: unknown;
  channel?: unknown;
  channel_type?: unknown;
  user?: unknown;
  bot_id?: unknown;
  text?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  deleted_ts?: unknown;
  edited?: { ts?: unknown };
  message?: RawMessage;
  previous_message?: RawMessage;
}

// Subtypes that are still a person writing in a thread.
const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);

const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Classifies a message event: a human thread reply, an edit, a deletion, or something to ignore. */
export function classifyMessageEvent(event: RawMessage, botUserId: string): MessageChange {
  const channelId = str(event.channel);
  if (!channelId) return { kind: 'ignore', reason: 'no channel' };
  const subtype = str(event.subtype);

  if (subtype === 'message_changed') {
    const message = event.message;
    const ts = str(message?.ts);
    if (!message || !ts) return { kind: 'ignore', reason: 'edit without message' };
    if (message.bot_id || str(message.subtype) === 'bot_message') return { kind: 'ignore', reason: 'bot edit' };
    // Slack also sends message_changed for unfurls and reply counts; storing the same text again is harmless.
    const editedTs = str(message.edited?.ts);
    return { kind: 'edit', channelId, ts, text: typeof message.text === 'string' ? message.text : '', editedTs: editedTs && SLACK_TS.test(editedTs) ? editedTs : null };
  }
  if (subtype === 'message_deleted') {
    const ts = str(event.deleted_ts) ?? str(event.previous_message?.ts);
    return ts ? { kind: 'delete', channelId, ts } : { kind: 'ignore', reason: 'deletion without ts' };
  }
  if (subtype && !HUMAN_SUBTYPES.has(subtype)) return { kind: 'ignore', reason: `subtype ${subtype}` };
  if (event.bot_id) return { kind: 'ignore', reason: 'bot message' };

  const userId = str(event.user);
  const ts = str(event.ts);
  const threadTs = str(event.thread_ts);
  if (!userId || !ts) return { kind: 'ignore', reason: 'no user or ts' };
  if (userId === botUserId) return { kind: 'ignore', reason: 'own message' };
  if (!threadTs || threadTs === ts) return { kind: 'ignore', reason: 'not a thread reply' };
  // message.groups events say channel_type 'group' (private channels); 'mpim' is a group DM.
  const channelPrivate = event.channel_type === 'group' || event.channel_type === 'mpim';
  return { kind: 'reply', channelId, threadTs, ts, userId, text: typeof event.text === 'string' ? event.text : '', channelPrivate };
}
