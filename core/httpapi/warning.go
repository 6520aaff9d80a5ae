package httpapi

import "errors"

// warning marks a readiness error that leaves the server ready.
type warning struct{ error }

// Warning wraps err so that /readyz still answers 200, with err's text
// after "ready; ": something an operator must see that is no reason to
// send calls elsewhere.
func Warning(err error) error { return warning{err} }

func isWarning(err error) bool {
	var w warning
	return errors.As(err, &w)
}
