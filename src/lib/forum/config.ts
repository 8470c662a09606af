/**
 * The community forum's vocabulary and limits in one place: kinds of topic, the reaction set,
 * flag reasons, and the sandbox for new members (Discourse's trust level 0 as the model). Every
 * door (pages, REST, GraphQL) goes through the collections' hooks, which read these.
 */
export const DISCUSSION_KINDS = [
  'discussion',
  'question',
  'announcement',
  'feature-request',
  'bug-report',
] as const
export type DiscussionKind = (typeof DISCUSSION_KINDS)[number]

export const KIND_LABELS: Record<DiscussionKind, string> = {
  discussion: 'Discussion',
  question: 'Question',
  announcement: 'Announcement',
  'feature-request': 'Feature request',
  'bug-report': 'Bug report',
}

export const DISCUSSION_STATUSES = ['open', 'locked', 'closed'] as const
export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number]

/** visible: shown to all; pending: held for review (new member's first post); hidden: by a moderator or by flags. */
export const MODERATION_STATES = ['visible', 'pending', 'hidden'] as const
export type ModerationState = (typeof MODERATION_STATES)[number]

/** The reaction set: one of each per member per post. */
export const REACTIONS = {
  'thumbs-up': { emoji: '👍', label: 'Thumbs up' },
  heart: { emoji: '❤️', label: 'Heart' },
  tada: { emoji: '🎉', label: 'Hooray' },
  laugh: { emoji: '😄', label: 'Laugh' },
  eyes: { emoji: '👀', label: 'Eyes' },
  rocket: { emoji: '🚀', label: 'Rocket' },
} as const
export type ReactionKey = keyof typeof REACTIONS
export const REACTION_KEYS = Object.keys(REACTIONS) as ReactionKey[]

export const FLAG_REASONS = ['off-topic', 'inappropriate', 'spam', 'other'] as const
export type FlagReason = (typeof FLAG_REASONS)[number]
export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  'off-topic': 'Off-topic',
  inappropriate: 'Inappropriate',
  spam: 'Spam',
  other: 'Something else',
}

export const MODERATION_ACTIONS = [
  'discussion.pinned',
  'discussion.unpinned',
  'discussion.locked',
  'discussion.closed',
  'discussion.reopened',
  'discussion.moved',
  'post.hidden',
  'post.unhidden',
  'post.approved',
  'post.edited',
  'post.deleted',
  'flag.dismissed',
  'flag.updated',
  'tags.merged',
  'tag.renamed',
  'tag.deleted',
  'answer.accepted',
] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

/** All of the forum's limits, with defaults. */
export const FORUM_LIMITS = {
  /** Writes (topics, replies, reactions, flags, votes) per member and minute, everyone. */
  writesPerMinute: 20,
  /** Posts (topics + replies) per member and minute, everyone. */
  postsPerMinute: 6,
  /**
   * A member is new (sandboxed: the limits below, posts held for review until a moderator lets
   * one through) while their account is younger than this OR has no trusted content yet: a
   * visible or approved post, or an answer someone else accepted (self-accepts earn nothing).
   */
  newMemberHours: 24,
  newMember: {
    topicsPerDay: 3,
    repliesPerDay: 10,
    linksPerPost: 2,
    mentionsPerPost: 2,
    imagesPerPost: 1,
  },
  /** New tags per member and hour (new members add none). */
  tagsPerHour: 10,
  /** Mention notices one member receives per hour (more mentions are shown, not notified). */
  mentionsReceivedPerHour: 10,
  /** Mentions notified per post for everyone (more are shown but not notified). */
  mentionsNotified: 10,
  /** Distinct members whose flags hide a post until a moderator reviews it. */
  flagsToHide: 3,
  titleMax: 150,
  bodyMax: 20_000,
  tagsPerDiscussion: 5,
  editHistoryKept: 20,
  /** Attachments: bytes per file. */
  attachmentBytes: 2 * 1024 * 1024,
} as const

export const ATTACHMENT_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
  'text/x-python',
  'application/x-python-code',
  'text/javascript',
  'application/javascript',
  'text/x-typescript',
  'application/x-yaml',
  'text/yaml',
] as const
