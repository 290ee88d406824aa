// Replace in All Posts (app/replace.go over backend/replace): a search across
// every post, then a replace of the matches kept, one revision per post.
import * as ReplaceSvc from '../../wailsjs/go/app/Replace'
import { app, replace } from '../../wailsjs/go/models'
import { call } from './index'

export interface ReplaceOptions {
  find: string
  replacement: string
  regex: boolean
  case: boolean
  word: boolean
  frontMatter: boolean
}

/** One place the text was found (app/replace.go ReplaceMatch). */
export interface ReplaceMatch {
  postId: number
  /** The match's number within its post, from 0. */
  index: number
  /** Line and column (characters) in the post's file, from 1. */
  line: number
  column: number
  text: string
  /** The line as it is, and as it would be with only this match replaced. */
  before: string
  after: string
}

export interface PostMatches {
  id: number
  slug: string
  title: string
  revision: number
  matches: ReplaceMatch[]
}

export interface ReplacePlan {
  /** Names this search for applyReplace. */
  token: number
  posts: PostMatches[]
  total: number
}

export interface MatchRef {
  postId: number
  index: number
}

export interface ReplaceResult {
  changed: { id: number; slug: string; title: string; revision: number; replaced: number }[]
  skipped: { id: number; slug: string; reason: string }[]
  replaced: number
}

const as = <T>(p: Promise<unknown>): Promise<T> => p as Promise<T>

export const replaceApi = {
  /** search finds opt.find in every post; an invalid regular expression rejects, naming it. */
  search: (opt: ReplaceOptions) => call('search all posts', as<ReplacePlan>(ReplaceSvc.Search(replace.Options.createFrom(opt)))),
  /** apply replaces the matches of search token except those in skip. */
  apply: (token: number, skip: MatchRef[]) =>
    call('replace in all posts', as<ReplaceResult>(ReplaceSvc.Apply(token, skip.map((m) => app.MatchRef.createFrom(m))))),
}
