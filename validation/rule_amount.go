package validation

import (
	"strconv"

	"github.com/go-playground/validator/v10"
)

// IsAmount reports whether s is a positive decimal amount with at most
// scale decimal places (any number if scale < 0): digits, optionally a point
// and at least one more digit. "5000.00" and "0.5" pass; "1e5", ".5", "5.",
// "-1", "+1", "0.00", "007" and, at scale 2, "1.005" do not.
func IsAmount(s string, scale int) bool {
	_, fracDigits, nonZero, ok := scanAmount(s)
	return ok && nonZero && (scale < 0 || fracDigits <= scale)
}

// scanAmount parses a decimal string: the number of digits before and
// after the point, whether any is not zero, and whether the form is valid.
func scanAmount(s string) (intDigits, fracDigits int, nonZero, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		nonZero = nonZero || s[i] != '0'
		i++
	}
	intDigits = i
	if intDigits == 0 || intDigits > 1 && s[0] == '0' {
		return 0, 0, false, false
	}
	if i == len(s) {
		return intDigits, 0, nonZero, true
	}
	if s[i] != '.' {
		return 0, 0, false, false
	}
	i++
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		nonZero = nonZero || s[i] != '0'
		i++
	}
	fracDigits = i - start
	if fracDigits == 0 || i != len(s) {
		return 0, 0, false, false
	}
	return intDigits, fracDigits, nonZero, true
}

func amountScale(param string) int {
	if param == "" {
		return -1
	}
	n, err := strconv.Atoi(param)
	if err != nil || n < 0 {
		panic("validation: amount=" + param + ": the parameter is a number of decimal places")
	}
	return n
}

func isAmount(fl validator.FieldLevel) bool {
	s, ok := fieldString(fl)
	return ok && IsAmount(s, amountScale(fl.Param()))
}

// amountMessage says "must be a positive decimal string", the Payout API's
// words, unless the amount only has too many decimal places.
func amountMessage(dst []byte, field string, fe validator.FieldError) []byte {
	dst = append(dst, field...)
	if s, ok := fe.Value().(string); ok && fe.Param() != "" {
		if _, _, nonZero, valid := scanAmount(s); valid && nonZero {
			return append(append(append(dst, " must have at most "...), fe.Param()...), " decimal places"...)
		}
	}
	return append(dst, " must be a positive decimal string"...)
}
