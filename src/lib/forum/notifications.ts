type Data = Record<string, unknown>

const text = (value: unknown) => String(value ?? '')

const notice = (title: (data: Data) => string) => (data: Data) => ({
  title: title(data),
  body: text(data.excerpt),
  link: text(data.link) || null,
})

/**
 * The forum's notification types (spread into src/lib/notifications/types.ts): each comes from
 * an internal event naming its recipient, so the members' preferences apply as for any other.
 */
export function forumNotifications() {
  return {
    'community.mentioned': {
      label: 'Community: mentions',
      description: 'Someone mentions you (@username) in a discussion or reply.',
      recipients: { userIdFrom: 'user_id' },
      defaults: { inApp: true, email: true, webhook: false },
      render: notice((data) => `${text(data.actor)} mentioned you in “${text(data.title)}”`),
    },
    'community.replied': {
      label: 'Community: replies',
      description: 'A new reply in a discussion you started, replied to or watch.',
      recipients: { userIdFrom: 'user_id' },
      defaults: { inApp: true, email: false, webhook: false },
      render: notice((data) => `${text(data.actor)} replied in “${text(data.title)}”`),
    },
    'community.answer_accepted': {
      label: 'Community: accepted answers',
      description: 'Your reply is accepted as the answer to a question.',
      recipients: { userIdFrom: 'user_id' },
      defaults: { inApp: true, email: true, webhook: false },
      render: notice((data) => `Your answer in “${text(data.title)}” was accepted`),
    },
  } as const
}
