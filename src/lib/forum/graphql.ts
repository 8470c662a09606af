import { APIError, ValidationError, type GraphQLExtension, type PayloadRequest } from 'payload'

import { keyAllows } from '../keys/collectionScopes'
import { acceptAnswer, setVote, setWatch, toggleReaction } from './actions'
import { REACTION_KEYS, type ReactionKey } from './config'

type Context = { req: PayloadRequest }

/** What the REST doors check first: an API key needs `community:write`. */
function requireScope(req: PayloadRequest): void {
  if (!keyAllows(req.user, 'community:write')) {
    throw new APIError('This API key lacks the community:write scope.', 403, undefined, true)
  }
}

/**
 * The forum's actions for GraphQL integrators (`community:write` keys, or a session): accept
 * an answer, vote, watch and react. The same functions as the REST endpoints and the pages,
 * which check the caller, the thread and the limits themselves.
 */
export const forumMutations: GraphQLExtension = (GraphQL) => {
  const { GraphQLBoolean, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const id = { type: new GraphQLNonNull(GraphQLInt) }
  const AcceptResult = new GraphQLObjectType({
    name: 'ForumAcceptResult',
    fields: { acceptedAnswer: { type: GraphQLInt } },
  })
  const VoteResult = new GraphQLObjectType({
    name: 'ForumVoteResult',
    fields: {
      voteCount: { type: new GraphQLNonNull(GraphQLInt) },
      hasVoted: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
  })
  const WatchResult = new GraphQLObjectType({
    name: 'ForumWatchResult',
    fields: { isWatching: { type: new GraphQLNonNull(GraphQLBoolean) } },
  })
  const ReactResult = new GraphQLObjectType({
    name: 'ForumReactResult',
    fields: {
      isReacted: { type: new GraphQLNonNull(GraphQLBoolean) },
      count: { type: new GraphQLNonNull(GraphQLInt) },
    },
  })
  return {
    forumAcceptAnswer: {
      type: AcceptResult,
      description: 'Accept a reply as the answer to a question (`reply: null` clears it).',
      args: { discussion: id, reply: { type: GraphQLInt } },
      resolve: async (
        _root: unknown,
        args: { discussion: number; reply?: number | null },
        { req }: Context,
      ) => {
        requireScope(req)
        return acceptAnswer(req, args.discussion, args.reply ?? null)
      },
    },
    forumVote: {
      type: VoteResult,
      description: 'Upvote a feature request (`vote: false` takes the vote back).',
      args: { discussion: id, vote: { type: new GraphQLNonNull(GraphQLBoolean) } },
      resolve: async (
        _root: unknown,
        args: { discussion: number; vote: boolean },
        { req }: Context,
      ) => {
        requireScope(req)
        return setVote(req, args.discussion, args.vote)
      },
    },
    forumWatch: {
      type: WatchResult,
      description: 'Watch a discussion: a notification for each new reply.',
      args: { discussion: id, watch: { type: new GraphQLNonNull(GraphQLBoolean) } },
      resolve: async (
        _root: unknown,
        args: { discussion: number; watch: boolean },
        { req }: Context,
      ) => {
        requireScope(req)
        return setWatch(req, args.discussion, args.watch)
      },
    },
    forumReact: {
      type: ReactResult,
      description: `React to a discussion or a reply, or take it back: ${REACTION_KEYS.join(', ')}.`,
      args: {
        discussion: { type: GraphQLInt },
        reply: { type: GraphQLInt },
        reaction: { type: new GraphQLNonNull(GraphQLString) },
      },
      resolve: async (
        _root: unknown,
        args: { discussion?: number | null; reply?: number | null; reaction: string },
        { req }: Context,
      ) => {
        requireScope(req)
        if (!REACTION_KEYS.includes(args.reaction as ReactionKey)) {
          throw new ValidationError({
            errors: [{ path: 'reaction', message: `One of ${REACTION_KEYS.join(', ')}.` }],
          })
        }
        return toggleReaction(req, {
          discussion: args.discussion ?? undefined,
          reply: args.reply ?? undefined,
          reaction: args.reaction as ReactionKey,
        })
      },
    },
  }
}
