package host

import (
	"io"
	"log/slog"
	"path/filepath"
	"time"
)

// Option configures Launch and Connect.
type Option func(*options)

type options struct {
	name         string
	named        bool // WithName was given
	log          *slog.Logger
	checksum     []byte
	callTimeout  time.Duration
	startTimeout time.Duration
	localFiles   bool
}

// The defaults of the options.
const (
	DefaultCallTimeout  = 5 * time.Minute
	DefaultStartTimeout = 30 * time.Second
)

func newOptions(path string, opts []Option) options {
	o := options{
		name:         filepath.Base(path),
		log:          slog.New(slog.NewTextHandler(io.Discard, nil)),
		callTimeout:  DefaultCallTimeout,
		startTimeout: DefaultStartTimeout,
		localFiles:   true,
	}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// logger is the plugin's logger: log with plugin=<name>.
func (o *options) logger() *slog.Logger { return o.log.With("plugin", o.name) }

// WithName names the plugin in logs (plugin=<name>) and errors; the default
// is the binary's file name for Launch and the plugin's own name for
// Connect.
func WithName(name string) Option {
	return func(o *options) { o.name, o.named = name, true }
}

// WithLogger sets the logger for the plugin's own log lines and go-plugin's;
// the default discards them.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithChecksum pins the binary: Launch refuses to start it unless its
// SHA-256 is sum (32 bytes).
func WithChecksum(sum []byte) Option { return func(o *options) { o.checksum = sum } }

// WithCallTimeout bounds every call, a whole Put stream included, on top of
// the caller's context; 0 leaves only the context. Default DefaultCallTimeout.
func WithCallTimeout(d time.Duration) Option { return func(o *options) { o.callTimeout = d } }

// WithStartTimeout bounds starting the process and the handshake. Default
// DefaultStartTimeout; an earlier deadline of Launch's context wins.
func WithStartTimeout(d time.Duration) Option { return func(o *options) { o.startTimeout = d } }

// WithLocalFiles turns the local-file fast path on (the default) or off.
// On, Put and Deliver hand a plugin that accepts local files the path of an
// *os.File opened by an absolute path instead of its bytes; off, they
// always stream. Turn it off for a plugin that does not see the host's
// files under the same paths (another mount namespace or machine).
func WithLocalFiles(on bool) Option { return func(o *options) { o.localFiles = on } }
