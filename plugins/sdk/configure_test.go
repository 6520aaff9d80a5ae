package sdk_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/internal/memplugin"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// configureFails is a plugin whose Configure returns err.
type configureFails struct {
	*memplugin.Plugin
	err error
}

func (c configureFails) Configure(json.RawMessage) error { return c.err }

func TestConfigureReportsEveryBadKey(t *testing.T) {
	err := errors.Join(sdk.ConfigErrorf("dir", "empty"), sdk.ConfigErrorf("auth.user", "missing"))
	got := sdktest.Start(t, configureFails{memplugin.New(), err}).Configure(context.Background(), nil)
	var keys []string
	for _, ce := range sdk.ConfigErrors(got) {
		keys = append(keys, ce.Key)
	}
	if !slices.Equal(keys, []string{"dir", "auth.user"}) {
		t.Errorf("keys = %v from %v, want [dir auth.user]", keys, got)
	}
	if !sdk.IsPermanent(got) {
		t.Errorf("a rejected configuration must be permanent: %v", got)
	}
}

func TestConfigureFailureThatIsNotAboutAKeyKeepsItsClass(t *testing.T) {
	err := sdk.Retryable(errors.New("cannot reach the bucket yet"))
	got := sdktest.Start(t, configureFails{memplugin.New(), err}).Configure(context.Background(), nil)
	var ce *sdk.ConfigError
	if got == nil || errors.As(got, &ce) || sdk.IsPermanent(got) {
		t.Errorf("Configure = %v, want a retryable error that is not a ConfigError", got)
	}
}

func TestRegisterRefusesAPluginWithoutKind(t *testing.T) {
	err := sdk.Register(nil, kindless{})
	if !errors.Is(err, sdk.ErrNoKind) {
		t.Errorf("Register = %v, want ErrNoKind", err)
	}
}

type kindless struct{}

func (kindless) Info() sdk.Info                  { return sdk.Info{Name: "kindless"} }
func (kindless) Configure(json.RawMessage) error { return nil }
