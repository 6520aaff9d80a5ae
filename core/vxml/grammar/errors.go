package grammar

import "errors"

var (
	// ErrGrammar is returned for a grammar that cannot be used; VoiceXML
	// raises error.badfetch.grammar for it (error.unsupported.builtin for an
	// unknown builtin type).
	ErrGrammar = errors.New("grammar: invalid grammar")
	// ErrUnsupportedBuiltin is returned for an unknown builtin type.
	ErrUnsupportedBuiltin = errors.New("grammar: unsupported builtin")
	// ErrSemantics is returned when a tag's script fails.
	ErrSemantics = errors.New("grammar: semantic interpretation failed")
)
