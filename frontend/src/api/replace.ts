// Replace in All Posts (app/replace.go over backend/replace): a search across
// every post, then a replace of the matches kept, one revision per post.
import * as ReplaceSvc from '../../wailsjs/go/app/Replace'
import { app, replace } from '../../wailsjs/go/models'
import { call, type Plain } from './index'

// The types are the generated ones (wailsjs/go/models.ts), as in ./index.ts.
export type ReplaceOptions = Plain<replace.Options>

/**
 * One place the text was found: index is the match's number within its
 * post, from 0; line and column (characters) are in the post's file, from
 * 1; before and after are the line as it is and with only this match replaced.
 */
export type ReplaceMatch = Plain<app.ReplaceMatch>

export type PostMatches = Plain<app.ReplacePost>

/** The matches of one search; token names it for apply. */
export type ReplacePlan = Plain<app.ReplacePlan>

export type MatchRef = Plain<app.MatchRef>

export type ReplaceResult = Plain<replace.Result>

const as = <T>(p: Promise<unknown>): Promise<T> => p as Promise<T>

export const replaceApi = {
  /** search finds opt.find in every post; an invalid regular expression rejects, naming it. */
  search: (opt: ReplaceOptions) => call('search all posts', as<ReplacePlan>(ReplaceSvc.Search(replace.Options.createFrom(opt)))),
  /** apply replaces the matches of search token except those in skip. */
  apply: (token: number, skip: MatchRef[]) =>
    call('replace in all posts', as<ReplaceResult>(ReplaceSvc.Apply(token, skip.map((m) => app.MatchRef.createFrom(m))))),
}
