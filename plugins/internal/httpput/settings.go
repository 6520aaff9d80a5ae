package httpput

import (
	"fmt"
	"net/url"
	"time"

	"github.com/reel-project/reel/internal/secret"
	"github.com/reel-project/reel/plugins/sdk"
)

// Settings are the connection keys every HTTP plugin shares; plugins embed
// it in their Config so the keys sit at the top level of the block.
type Settings struct {
	URL          string `json:"url"`           // required; http or https
	Username     string `json:"username"`      // Basic auth user; empty: no auth
	Password     string `json:"password"`      // Basic auth password
	PasswordFile string `json:"password_file"` // file holding the password (trailing newline dropped)
	CAFile       string `json:"ca_file"`       // PEM CA bundle trusted for https, on top of the system's
	Timeout      string `json:"timeout"`       // per request, Go duration; default "60s"
}

// DefaultTimeout is the timeout when the block has none.
const DefaultTimeout = "60s"

// Validate checks the keys and names the first bad one.
func (s Settings) Validate() error {
	if err := checkURL("url", s.URL); err != nil {
		return err
	}
	if s.Password != "" && s.PasswordFile != "" {
		return sdk.ConfigErrorf("password_file", "set password or password_file, not both")
	}
	if (s.Password != "" || s.PasswordFile != "") && s.Username == "" {
		return sdk.ConfigErrorf("username", "is required with a password")
	}
	if _, err := s.timeout(); err != nil {
		return err
	}
	return nil
}

func checkURL(key, raw string) error {
	u, err := url.Parse(raw)
	switch {
	case raw == "":
		return sdk.ConfigErrorf(key, "is required")
	case err != nil:
		return sdk.ConfigErrorf(key, "%v", err)
	case u.Scheme != "http" && u.Scheme != "https":
		return sdk.ConfigErrorf(key, "must be an http or https URL, got %q", raw)
	case u.Host == "":
		return sdk.ConfigErrorf(key, "has no host: %q", raw)
	case u.User != nil:
		return sdk.ConfigErrorf(key, "must not hold credentials; use username and password")
	case u.RawQuery != "" || u.Fragment != "":
		return sdk.ConfigErrorf(key, "must not have a query or fragment")
	}
	return nil
}

func (s Settings) timeout() (time.Duration, error) {
	raw := s.Timeout
	if raw == "" {
		raw = DefaultTimeout
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		return 0, sdk.ConfigErrorf("timeout", "must be a positive duration such as \"30s\", got %q", s.Timeout)
	}
	return d, nil
}

// password returns the password, reading password_file when set.
func (s Settings) password() (string, error) {
	if s.PasswordFile == "" {
		return s.Password, nil
	}
	pw, err := secret.ReadLine(s.PasswordFile)
	if err != nil {
		return "", sdk.ConfigErrorf("password_file", "%v", err)
	}
	return pw, nil
}

// String describes the settings without the password, for logs.
func (s Settings) String() string {
	return fmt.Sprintf("url=%s username=%q ca_file=%q timeout=%s", s.URL, s.Username, s.CAFile, s.Timeout)
}
