package localdir

import (
	"errors"
	"io/fs"

	"github.com/reel-project/reel/plugins/sdk"
)

// errNotConfigured: a call before Configure, a host bug no retry fixes.
var errNotConfigured = sdk.Permanent(errors.New("localdir: not configured"))

// classify marks file-system errors no retry fixes (the operator must fix
// the directory's permissions); a full disk or a broken stream is retried.
func classify(err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrInvalid) {
		return sdk.Permanent(err)
	}
	return err
}
