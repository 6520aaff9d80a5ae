package rm

import "errors"

// ErrNoGroup is returned by Pool.Group for a name no group has.
var ErrNoGroup = errors.New("rm: no such resource group")
