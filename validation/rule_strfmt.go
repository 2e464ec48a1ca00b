package validation

import (
	"github.com/go-openapi/strfmt"
	"github.com/go-playground/validator/v10"
)

// IsFormat reports whether s is valid in the strfmt.Default format of the
// given name ("uuid", "date-time", "email", ...). It panics for a name
// strfmt.Default does not hold: the tag is the server's mistake.
func IsFormat(name, s string) bool {
	if !strfmt.Default.ContainsName(name) {
		panic("validation: strfmt=" + name + ": strfmt.Default has no such format")
	}
	return strfmt.Default.Validates(name, s)
}

func isStrfmt(fl validator.FieldLevel) bool {
	s, ok := fieldString(fl)
	if !ok {
		return false
	}
	return IsFormat(fl.Param(), s)
}

// strfmtMessage names the format: "id must be a valid uuid".
func strfmtMessage(dst []byte, field string, fe validator.FieldError) []byte {
	return append(append(append(dst, field...), " must be a valid "...), fe.Param()...)
}
