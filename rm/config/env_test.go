package config

import (
	"errors"
	"strings"
	"testing"

	mcpconfig "github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/configload"
)

func TestAnUnknownREELVariableIsAnErrorLikeAnUnknownKey(t *testing.T) {
	env := []string{"REEL_SIP_LISTN=0.0.0.0:5060", "REEL_HEALTH_INTERVL=2s", "HOME=/root", "REELX=1"}
	for name, load := range map[string]func([]string) error{
		"reel-rm":  func(env []string) error { _, err := Load("", nil, env); return err },
		"reel-mcp": func(env []string) error { _, err := mcpconfig.Load("", nil, env); return err },
	} {
		err := load(env)
		if !errors.Is(err, configload.ErrUnknownKey) {
			t.Fatalf("%s: %v, want unknown key", name, err)
		}
		for _, want := range []string{"REEL_SIP_LISTN: unknown variable", "did you mean REEL_SIP_LISTEN?", "REEL_HEALTH_INTERVL", "did you mean REEL_HEALTH_INTERVAL?"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", name, err, want)
			}
		}
		if strings.Contains(err.Error(), "HOME") || strings.Contains(err.Error(), "REELX") {
			t.Errorf("%s: %q names a variable without the REEL_ prefix", name, err)
		}
	}
}

func TestEachDaemonAcceptsTheOthersVariablesFromASharedEnvironment(t *testing.T) {
	env := []string{"REEL_MCPS=127.0.0.1:5070", "REEL_DATA_DIR=/var/lib/reel", "REEL_RECORDING_FORMATS=wav-pcmu",
		"REEL_HEALTH_INTERVAL=2s", "REEL_PLUGIN_LOG_LEVEL=debug", "REEL_CONFIG="}
	if _, err := Load("", nil, env); err != nil {
		t.Errorf("reel-rm: %v", err)
	}
	if _, err := mcpconfig.Load("", nil, env); err != nil {
		t.Errorf("reel-mcp: %v", err)
	}
}
