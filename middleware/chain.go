package middleware

import "github.com/errkit/errkit/apierr"

// findAPIError is apierr.As without the allocations of errors.As: the
// first *apierr.Error in err's chain, or one made for the first valid bare
// [apierr.Code].
func findAPIError(err error) (*apierr.Error, bool) {
	if e, ok := find[*apierr.Error](err); ok && e != nil {
		return e, true
	}
	if c, ok := find[apierr.Code](err); ok && c.Valid() {
		return apierr.Wrap(err, c), true
	}
	return nil, false
}

// find returns the first error of type T in err's chain, walked depth
// first as errors.As walks it, As methods included.
func find[T error](err error) (T, bool) {
	var zero T
	for err != nil {
		if t, ok := err.(T); ok {
			return t, true
		}
		if a, ok := err.(interface{ As(any) bool }); ok {
			var t T
			if a.As(&t) {
				return t, true
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if t, ok := find[T](e); ok {
					return t, true
				}
			}
			return zero, false
		default:
			return zero, false
		}
	}
	return zero, false
}
