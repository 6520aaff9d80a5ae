package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/internal/configload"
)

// writeConfig writes body to a temp file and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mcp.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadErr loads body and returns the error, failing the test if there is none.
func loadErr(t *testing.T, body string) error {
	t.Helper()
	_, err := Load(writeConfig(t, body), nil, nil)
	if err == nil {
		t.Fatalf("Load(%q) succeeded, want an error", body)
	}
	return err
}

func TestLoadWithoutFileGivesDefault(t *testing.T) {
	got, err := Load("", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, Default()) {
		t.Errorf("Load(\"\") = %+v, want Default()", got)
	}
}

func TestLoadReadsValuesFromTheFile(t *testing.T) {
	c, err := Load(writeConfig(t, `
node_id: 0badcafe
sip:
  transports: [udp]
  max_body_bytes: 2048
capacity:
  drain_timeout: 90s
recording:
  formats: mp3-8-mono, wav-pcma
  stereo_swap: true
  flush_interval: 250ms
`), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.NodeID = "0badcafe"
	want.SIP.Transports = []string{"udp"}
	want.SIP.MaxBodyBytes = 2048
	want.Capacity.DrainTimeout = 90 * time.Second
	want.Recording.Formats = []string{"mp3-8-mono", "wav-pcma"}
	want.Recording.StereoSwap = true
	want.Recording.FlushInterval = 250 * time.Millisecond
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestUnknownKeysAreErrorsNamingKeyAndLine(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"top level", "node_id: 0badcafe\nbogus: 1\n", `line 2: bogus: unknown key`},
		{"nested", "recording:\n  formatz: [wav-pcmu]\n", `line 2: recording.formatz: unknown key`},
		{"nested under a leaf-named section", "sip:\n  listen: 0.0.0.0:5060\n  extra:\n    a: b\n", `line 3: sip.extra: unknown key`},
		{"wrong case", "SIP:\n  listen: 0.0.0.0:5060\n", `line 1: SIP: unknown key`},
		{"dotted key", "sip.listen: 0.0.0.0:5060\n", `line 1: sip.listen: unknown key`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := loadErr(t, tt.body)
			if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want ErrUnknownKey containing %q", err, tt.want)
			}
		})
	}
}

func TestAllUnknownKeysAreReportedAtOnce(t *testing.T) {
	err := loadErr(t, "a: 1\nsip:\n  b: 2\n")
	for _, want := range []string{"line 1: a:", "line 3: sip.b:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestBadYAMLIsAnErrorWithItsLine(t *testing.T) {
	err := loadErr(t, "data_dir: a\nlog: level: info\n")
	if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error = %q, want ErrSyntax naming line 2", err)
	}
}

func TestMalformedFilesAreRejected(t *testing.T) {
	tests := []struct {
		name, body string
		kind       error
		want       string
	}{
		{"section given a value", "sip: 5060\n", ErrShape, "line 1: sip: want a section of keys"},
		{"value given a section", "data_dir:\n  a: b\n", ErrShape, "line 2: data_dir: want a single value"},
		{"list item is a section", "recording:\n  formats:\n    - {a: b}\n", ErrShape, "recording.formats[0]"},
		{"top level is a list", "- a\n- b\n", ErrShape, "(top level)"},
		{"repeated key", "data_dir: a\ndata_dir: b\n", ErrSyntax, "line 2: data_dir: key repeated (first at line 1)"},
		{"two documents", "data_dir: a\n---\ndata_dir: b\n", ErrSyntax, "more than one document"},
		{"int that is not a number", "sip:\n  max_body_bytes: lots\n", ErrInvalid, "line 2: sip.max_body_bytes"},
		{"duration without unit", "capacity:\n  drain_timeout: 300\n", ErrInvalid, "line 2: capacity.drain_timeout"},
		{"bool that is not a bool", "rtp:\n  latch: maybe\n", ErrInvalid, "line 2: rtp.latch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := loadErr(t, tt.body)
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want %v containing %q", err, tt.kind, tt.want)
			}
		})
	}
}

func TestValidationErrorsPointAtTheFileLine(t *testing.T) {
	err := loadErr(t, "recording:\n  formats:\n    - wav-pcmu\n    - mp3-64\n")
	want := `line 4: recording.formats[1]: unknown format "mp3-64" (want one of mp3-8-mono`
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestEmptyFileAndEmptyValuesKeepDefaults(t *testing.T) {
	for _, body := range []string{"", "# only a comment\n", "sip:\ndata_dir:\nrecording:\n  formats: ~\n"} {
		c, err := Load(writeConfig(t, body), nil, nil)
		if err != nil {
			t.Fatalf("Load(%q) = %v", body, err)
		}
		if !reflect.DeepEqual(c, Default()) {
			t.Errorf("Load(%q) = %+v, want Default()", body, c)
		}
	}
}

func TestMissingFileIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.yaml")
	_, err := Load(path, nil, nil)
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want ErrNotExist naming %s", err, path)
	}
}

// envValue returns a value of l's type that differs from its default, as an
// environment variable would spell it, and the value the field must get.
func envValue(t *testing.T, key string, def any) (string, any) {
	switch d := def.(type) {
	case string:
		return "x-" + d, "x-" + d
	case int:
		return fmt.Sprint(d + 7), d + 7
	case bool:
		return fmt.Sprint(!d), !d
	case time.Duration:
		return (d + 1500*time.Millisecond).String(), d + 1500*time.Millisecond
	case []string:
		return "a, b,c", []string{"a", "b", "c"}
	}
	t.Fatalf("%s: no test value for type %T; add one here", key, def)
	return "", nil
}

func TestEveryKeyCanBeOverriddenByTheEnvironment(t *testing.T) {
	unchecked := spec
	unchecked.Validate = nil // the test values need not make sense together
	for _, key := range Keys() {
		t.Run(EnvName(key)+" overrides "+key, func(t *testing.T) {
			raw, want := envValue(t, key, fieldByKey(reflect.ValueOf(Default()), key).Interface())
			c, err := configload.Load(unchecked, "", nil, []string{EnvName(key) + "=" + raw})
			if err != nil {
				t.Fatal(err)
			}
			got := fieldByKey(reflect.ValueOf(c), key).Interface()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s=%q gave %v, want %v", EnvName(key), raw, got, want)
			}
		})
	}
}

// fieldByKey returns the field of struct v that the dotted key names.
func fieldByKey(v reflect.Value, key string) reflect.Value {
	for _, name := range strings.Split(key, ".") {
		for i := range v.NumField() {
			if v.Type().Field(i).Tag.Get("mapstructure") == name {
				v = v.Field(i)
				break
			}
		}
	}
	return v
}

func TestEnvironmentOverridesTheFile(t *testing.T) {
	path := writeConfig(t, "recording:\n  formats: [wav-pcm16]\n")
	c, err := Load(path, nil, []string{"REEL_RECORDING_FORMATS=mp3-32-stereo,wav-pcma", "REEL_DATA_DIR="})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"mp3-32-stereo", "wav-pcma"}; !reflect.DeepEqual(c.Recording.Formats, want) {
		t.Errorf("formats = %v, want %v", c.Recording.Formats, want)
	}
	if c.DataDir != Default().DataDir {
		t.Errorf("empty REEL_DATA_DIR changed data_dir to %q", c.DataDir)
	}
}

func TestEnvironmentErrorsNameTheVariable(t *testing.T) {
	tests := map[string]string{
		"REEL_JITTER_MAX_MS=abc": `jitter.max_ms (from REEL_JITTER_MAX_MS): "abc" is not a whole number`,
		"REEL_LOG_LEVEL=loud":    "log.level (from REEL_LOG_LEVEL): unknown log level",
	}
	for env, want := range tests {
		_, err := Load("", nil, []string{env})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error = %v, want it to contain %q", env, err, want)
		}
	}
}

// flagSet returns a flag set with RegisterFlags applied and args parsed.
func flagSet(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("reel-mcp", pflag.ContinueOnError)
	RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestFlagsBeatEnvironmentBeatsFile(t *testing.T) {
	path := writeConfig(t, "sip:\n  listen: 10.0.0.1:5060\nhttp:\n  listen: 10.0.0.1:80\ndata_dir: /from/file\n")
	env := []string{"REEL_SIP_LISTEN=10.0.0.2:5060", "REEL_HTTP_LISTEN=10.0.0.2:80"}
	c, err := Load(path, flagSet(t, "--sip-listen=10.0.0.3:5060"), env)
	if err != nil {
		t.Fatal(err)
	}
	if c.SIP.Listen != "10.0.0.3:5060" {
		t.Errorf("sip.listen = %q, want the flag's", c.SIP.Listen)
	}
	if c.HTTP.Listen != "10.0.0.2:80" {
		t.Errorf("http.listen = %q, want the environment's", c.HTTP.Listen)
	}
	if c.DataDir != "/from/file" {
		t.Errorf("data_dir = %q, want the file's (flag not given)", c.DataDir)
	}
}

func TestEveryValueFlagSetsItsKey(t *testing.T) {
	c, err := Load("", flagSet(t, "--sip-listen=:5080", "--http-listen=127.0.0.1:0", "--data-dir=/tmp/reel"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.SIP.Listen != ":5080" || c.HTTP.Listen != "127.0.0.1:0" || c.DataDir != "/tmp/reel" {
		t.Errorf("flags not applied: %+v", c)
	}
}

func TestFlagErrorsNameTheFlag(t *testing.T) {
	_, err := Load("", flagSet(t, "--sip-listen=nonsense"), nil)
	if err == nil || !strings.Contains(err.Error(), "sip.listen (from --sip-listen)") {
		t.Errorf("error = %v, want it to name --sip-listen", err)
	}
}

func TestConfigFileChoice(t *testing.T) {
	fromFlag := writeConfig(t, "data_dir: /flag\n")
	fromArg := writeConfig(t, "data_dir: /arg\n")
	fromEnv := writeConfig(t, "data_dir: /env\n")
	env := []string{EnvConfig + "=" + fromEnv}
	tests := []struct {
		name string
		path string
		fs   *pflag.FlagSet
		want string
	}{
		{"--config wins", fromArg, flagSet(t, "--config="+fromFlag), "/flag"},
		{"then the path argument", fromArg, flagSet(t), "/arg"},
		{"then REEL_CONFIG", "", flagSet(t), "/env"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.path, tt.fs, env)
			if err != nil {
				t.Fatal(err)
			}
			if c.DataDir != tt.want {
				t.Errorf("data_dir = %q, want %q", c.DataDir, tt.want)
			}
		})
	}
}

func TestAliasesAreFollowed(t *testing.T) {
	c, err := Load(writeConfig(t, "data_dir: &d /srv/reel\nrecording:\n  dir: *d\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Recording.Dir != "/srv/reel" {
		t.Errorf("recording.dir = %q", c.Recording.Dir)
	}
}

func TestAbsolutePathsResolvesRelativeDirectoriesOnly(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	c.DataDir, c.Recording.Dir = "./var/x", ""
	if err := c.AbsolutePaths(); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(wd, "var/x"); c.DataDir != want || c.Recording.Dir != "" {
		t.Fatalf("data_dir %q recording.dir %q, want %q and empty", c.DataDir, c.Recording.Dir, want)
	}
	if want := filepath.Join(wd, "var/x/recordings"); c.RecordingDir() != want {
		t.Fatalf("RecordingDir() = %q, want %q", c.RecordingDir(), want)
	}
	c.Recording.Dir = "/srv/rec"
	if err := c.AbsolutePaths(); err != nil || c.Recording.Dir != "/srv/rec" {
		t.Fatalf("an absolute recording.dir became %q (%v)", c.Recording.Dir, err)
	}
}
