package contracttest

import (
	"slices"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// The rule for cases a document lists no status for (see docs/contracts.md):
//
//   - a document that says its API uses the standard HTTP status codes
//     (Nexpay v2, NextAPI) has such a case answered with its standard
//     status and an errkit extension code: its clients read any standard
//     status by its HTTP meaning, and a 405 with Allow, a 413 or a 415
//     tells them more than a folded 400;
//   - a document whose table is the list of statuses its API answers
//     (Nexpay legacy, the Payout API, Cryptopay) has the case folded into
//     the first status of [FoldInto] it lists, with the document's own code
//     where one covers the case (legacy 30010 for a failed validation),
//     else an extension code telling the case apart: its clients were
//     promised those statuses and no others.
//
// A case whose standard status the document lists keeps what the
// document says of it.

// standard is the HTTP status of each condition.
var standard = map[apierr.Condition]int{
	apierr.Internal: 500, apierr.BadRequest: 400, apierr.Validation: 422, apierr.Unauthorized: 401,
	apierr.Forbidden: 403, apierr.NotFound: 404, apierr.MethodNotAllowed: 405, apierr.RequestTimeout: 408,
	apierr.Conflict: 409, apierr.InProgress: 409, apierr.TooLarge: 413, apierr.UnsupportedMediaType: 415,
	apierr.IdempotencyMismatch: 422, apierr.RateLimited: 429, apierr.BadGateway: 502,
	apierr.Unavailable: 503, apierr.Maintenance: 503, apierr.Timeout: 504,
}

// FoldInto lists, for each condition, the statuses a contract that folds
// unlisted statuses answers it with, best first: the first one its
// document lists.
var FoldInto = map[apierr.Condition][]int{
	apierr.Internal:             {500},
	apierr.BadRequest:           {400, 422},
	apierr.Validation:           {422, 400},
	apierr.Unauthorized:         {401, 403},
	apierr.Forbidden:            {403},
	apierr.NotFound:             {404},
	apierr.MethodNotAllowed:     {400, 404},
	apierr.RequestTimeout:       {400, 422},
	apierr.Conflict:             {409, 422, 400},
	apierr.InProgress:           {409, 422, 400},
	apierr.TooLarge:             {400, 422},
	apierr.UnsupportedMediaType: {400, 422},
	apierr.IdempotencyMismatch:  {409, 422, 400},
	apierr.RateLimited:          {429, 403},
	apierr.BadGateway:           {500},
	apierr.Unavailable:          {503, 500},
	apierr.Maintenance:          {503, 500},
	apierr.Timeout:              {500},
}

// Statuses checks c against the rule for the statuses its document does
// not list: listed are the error statuses the document lists, folds tells
// whether its table is the whole list (else it says it uses the standard
// statuses). A condition whose standard status is unlisted must be
// answered at the first status of [FoldInto] that is listed when folds,
// else at its standard status; when folds, every code of the catalogue has
// a listed status.
func Statuses(t *testing.T, c apierr.Contract, listed []int, folds bool) {
	t.Helper()
	for _, cond := range kit.AllConditions() {
		std, ok := standard[cond]
		if !ok {
			t.Errorf("%s: no standard status known", cond)
			continue
		}
		code := c.Code(cond)
		if slices.Contains(listed, std) {
			continue // the document says what answers it
		}
		want := std
		if folds {
			want = 0
			for _, s := range FoldInto[cond] {
				if slices.Contains(listed, s) {
					want = s
					break
				}
			}
		}
		if code.Status() != want {
			t.Errorf("%s: answered with %s at %d, want %d", cond, code.ID(), code.Status(), want)
		}
	}
	if !folds {
		return
	}
	for _, code := range c.Catalogue().Codes() {
		if !slices.Contains(listed, code.Status()) {
			t.Errorf("%s: status %d, which the document does not list (%v)", code.ID(), code.Status(), listed)
		}
	}
}
