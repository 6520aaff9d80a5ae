package sdktest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/internal/memplugin"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func memFactory(t *testing.T) (sdk.Plugin, json.RawMessage) {
	return memplugin.New(), json.RawMessage(`{"scheme": "mem"}`)
}

func TestTheReferencePluginPassesTheStorageSuite(t *testing.T) { sdktest.Storage(t, memFactory) }

func TestTheReferencePluginPassesTheMetadataSuite(t *testing.T) { sdktest.Metadata(t, memFactory) }

func TestTheReferencePluginPassesTheAnalyticsSuite(t *testing.T) { sdktest.Analytics(t, memFactory) }

// brokenEnv selects the broken plugin TestBrokenStorage runs the suite on;
// it is set only by TestTheStorageSuiteCatchesBrokenPlugins.
const brokenEnv = "SDKTEST_BROKEN"

// TestBrokenStorage is the subprocess half of the test below: it runs the
// suite on a broken plugin and is expected to fail.
func TestBrokenStorage(t *testing.T) {
	bug := os.Getenv(brokenEnv)
	if bug == "" {
		t.Skip("runs only as the subprocess of TestTheStorageSuiteCatchesBrokenPlugins")
	}
	sdktest.Storage(t, func(t *testing.T) (sdk.Plugin, json.RawMessage) {
		p, cfg := memFactory(t)
		return broken(bug, p.(*memplugin.Plugin)), cfg
	})
}

func TestTheStorageSuiteCatchesBrokenPlugins(t *testing.T) {
	cases := []struct{ bug, failing string }{
		{"lax-config", "Configure_rejects_an_unknown_key_and_names_it"},
		{"swallow-read-errors", "a_corrupted_transfer_fails_with_ErrMismatch_and_stores_nothing"},
		{"swallow-read-errors", "a_reader_failure_keeps_its_class_across_the_wire"},
		{"stat-missing-is-error", "Stat_of_a_missing_object_is_ErrNotFound"},
	}
	for _, tc := range cases {
		t.Run(tc.bug+" fails "+tc.failing, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenStorage$", "-test.v")
			cmd.Env = append(os.Environ(), brokenEnv+"="+tc.bug)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a plugin with bug %s:\n%s", tc.bug, out)
			}
			if !strings.Contains(string(out), "--- FAIL: TestBrokenStorage/"+tc.failing) {
				t.Errorf("subtest %s did not fail:\n%s", tc.failing, out)
			}
		})
	}
}

// broken returns p with one bug.
func broken(bug string, p *memplugin.Plugin) sdk.Plugin {
	switch bug {
	case "lax-config":
		return laxConfig{p}
	case "swallow-read-errors":
		return swallowReadErrors{p}
	case "stat-missing-is-error":
		return statMissingIsError{p}
	}
	panic("unknown bug " + bug)
}

// laxConfig accepts any configuration.
type laxConfig struct{ *memplugin.Plugin }

func (l laxConfig) Configure(json.RawMessage) error {
	return l.Plugin.Configure(json.RawMessage(`{}`))
}

// swallowReadErrors stores whatever arrived, even when the stream failed.
type swallowReadErrors struct{ *memplugin.Plugin }

func (s swallowReadErrors) Put(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	data, _ := io.ReadAll(r)
	return s.Plugin.Put(ctx, obj, bytes.NewReader(data))
}

// statMissingIsError answers a missing object with a plain error.
type statMissingIsError struct{ *memplugin.Plugin }

func (s statMissingIsError) Stat(ctx context.Context, key sdk.Key) (sdk.Stored, error) {
	st, err := s.Plugin.Stat(ctx, key)
	if err != nil {
		return st, io.ErrUnexpectedEOF
	}
	return st, nil
}
