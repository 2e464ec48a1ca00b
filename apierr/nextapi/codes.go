package nextapi

import (
	"errors"

	"github.com/errkit/errkit/apierr"
)

// catalogue holds the NextAPI codes; [Contract].Catalogue() returns it.
var catalogue = apierr.NewCatalogue(Name, checkID)

// checkID accepts NextAPI code IDs: upper-case words joined by underscores.
func checkID(id string) error {
	if id == "" || id[0] == '_' || id[len(id)-1] == '_' {
		return errors.New("a NextAPI code is upper-case words joined by underscores, like INSUFFICIENT_FUNDS")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return errors.New("a NextAPI code is upper-case words joined by underscores, like INSUFFICIENT_FUNDS")
		}
	}
	return nil
}

// Resolution returns what the provider's table tells a client to do about
// code, or "" for extension codes and codes of other catalogues.
func Resolution(code apierr.Code) string { return resolutions[code] }

// Roles names the codes a server answers its common failures with:
// missing and invalid credentials, a forbidden call, an unknown resource.
var Roles = struct {
	MissingCredentials, InvalidCredentials, Forbidden, ResourceNotFound apierr.Code
}{Unauthorized, InvalidCredentials, Forbidden, ResourceNotFound}
