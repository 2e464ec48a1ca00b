package nexpaylegacy

import (
	"errors"
	"strconv"

	"github.com/errkit/errkit/apierr"
)

// catalogue holds the legacy codes; [Contract].Catalogue() returns it.
var catalogue = apierr.NewCatalogue(Name, checkID)

// checkID accepts decimal integers as the body writes them: "10", "-32600".
func checkID(id string) error {
	n, err := strconv.ParseInt(id, 10, 32)
	if err != nil || strconv.FormatInt(n, 10) != id {
		return errors.New("a Nexpay legacy code is a decimal integer, like 30010 or -32600")
	}
	return nil
}

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource.
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{MissingAPIKey, InvalidAPIKey, NoPermissions, NotFound}
