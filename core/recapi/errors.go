package recapi

import "errors"

// Errors of the file routes.
var (
	ErrNoFile    = errors.New("recapi: no such file here")
	ErrEncrypted = errors.New("recapi: the file is encrypted; the console never decrypts it (reelctl decrypt does, with the key)")
)
