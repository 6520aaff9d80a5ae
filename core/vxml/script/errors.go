package script

import "errors"

var (
	// ErrSemantic is a script error: syntax, reference, type, or an assignment
	// to an undeclared variable. VoiceXML raises error.semantic for it.
	ErrSemantic = errors.New("script: semantic error")
	// ErrBudget is returned (wrapping ErrSemantic) for a script interrupted
	// after running past the CPU budget.
	ErrBudget = errors.New("script: CPU budget exceeded")
)
