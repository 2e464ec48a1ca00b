package problem

import (
	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/kit"
)

// AuthCode returns the code [apierr.Nexpay] answers f with; the body's
// type is the failure's own (see [ProblemContract.AuthTypeURI]).
func (*ProblemContract) AuthCode(f apierr.AuthFailure) apierr.Code {
	return kit.AuthCode(apierr.Nexpay, f)
}

// AuthTypeURI returns the type member of problems answering f: the type
// base, "auth/" and the failure's name
// ("https://errkit.dev/problems/auth/nonce_reused"), or "about:blank"
// when the contract has no type base.
func (c *ProblemContract) AuthTypeURI(f apierr.AuthFailure) string {
	if c.base == "" || !f.Valid() {
		return "about:blank"
	}
	return c.base + "auth/" + f.String()
}
