package main

import (
	"errors"
	"io/fs"

	"github.com/reel-project/reel/plugins/sdk"
)

// errNotConfigured: a call before Configure, a host bug no retry fixes.
var errNotConfigured = sdk.Permanent(errors.New("storage-hello: not configured"))

// classify marks errors of the file system that no retry fixes: the
// operator must change the directory's permissions. Everything else (a full
// disk, the host's stream breaking) keeps its class and is retried.
func classify(err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return sdk.Permanent(err)
	}
	return err
}
