package sdk

import (
	"io"
	"log/slog"
	"os"
	"sync"
)

// LogLevelEnv is the variable the host sets to the level it logs at;
// Logger drops records below it. Values are slog's: DEBUG, INFO, WARN, ERROR.
const LogLevelEnv = "REEL_PLUGIN_LOG_LEVEL"

// hclogTime is the timestamp layout go-plugin's host parses.
const hclogTime = "2006-01-02T15:04:05.000000Z07:00"

// stderr is the process's real standard error, taken before Serve
// redirects os.Stderr into go-plugin's stdio stream.
var stderr = os.Stderr

// Logger returns the plugin's logger. It writes JSON lines in hclog's format
// to standard error, which the host parses and re-logs under
// plugin=<name> with the same level, message and attributes. It is safe for
// concurrent use.
func Logger() *slog.Logger { return logger() }

var logger = sync.OnceValue(func() *slog.Logger { return newLogger(stderr, logLevel()) })

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: hclogAttr}))
}

func logLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(os.Getenv(LogLevelEnv))); err != nil {
		return slog.LevelInfo
	}
	return l
}

// hclogAttr renames slog's built-in keys to hclog's JSON keys.
func hclogAttr(groups []string, a slog.Attr) slog.Attr {
	if len(groups) > 0 {
		return a
	}
	switch a.Key {
	case slog.TimeKey:
		return slog.String("@timestamp", a.Value.Time().Format(hclogTime))
	case slog.LevelKey:
		return slog.String("@level", hclogLevel(a.Value.Any().(slog.Level)))
	case slog.MessageKey:
		return slog.String("@message", a.Value.String())
	}
	return a
}

func hclogLevel(l slog.Level) string {
	switch {
	case l < slog.LevelDebug:
		return "trace"
	case l < slog.LevelInfo:
		return "debug"
	case l < slog.LevelWarn:
		return "info"
	case l < slog.LevelError:
		return "warn"
	}
	return "error"
}
