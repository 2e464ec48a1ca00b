package problem

import "github.com/errkit/errkit/apierr"

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource
// (generic: a resource's own code, such as [apierr.PAY0001], says more).
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{apierr.GEN9003, apierr.AUT0003, apierr.GEN9004, apierr.GEN9404}
