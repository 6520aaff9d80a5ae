package config

import (
	"errors"
	"regexp"
	"time"

	"github.com/reel-project/reel/core/logging"
)

// Limits checked by Validate.
const (
	MinBodyBytes = 1024
	// MaxBodyBytes stays under the SIP stack's message limit
	// (core/sipua.MaxMessage, 2 MiB), so a larger body is still read and
	// answered 413.
	MaxBodyBytes     = 1 << 20
	MinPort          = 1024
	MaxJitterMs      = 5000
	MinJitterMs      = 20
	MaxConcealMs     = 1000
	MaxFlushInterval = time.Second
	MinFlushInterval = 10 * time.Millisecond
	// PortPairsPerCall is what capacity.max_calls needs from the RTP port
	// range: one RTP/RTCP pair per leg, two legs per call.
	PortPairsPerCall = 2
)

var nodeIDPattern = regexp.MustCompile(`^[0-9a-f]{8}$`)

// Validate checks every key and returns all problems joined; each is a
// *KeyError naming its key and wrapping ErrInvalid.
func (c MCP) Validate() error {
	var errs []error
	add := func(list ...error) { errs = append(errs, list...) }
	if !nodeIDPattern.MatchString(c.NodeID) {
		add(invalid("node_id", "%q is not 8 lower-case hex digits", c.NodeID))
	}
	if c.DataDir == "" {
		add(invalid("data_dir", "must not be empty"))
	}
	add(c.SIP.Check()...)
	add(CheckListen("http.listen", c.HTTP.Listen)...)
	add(c.RTP.validate(c.Capacity.MaxCalls)...)
	add(c.Jitter.validate()...)
	add(c.Capacity.validate()...)
	add(c.Recording.validate()...)
	add(c.Log.Check()...)
	add(c.Spool.validate()...)
	add(c.PluginHost.validate()...)
	add(validatePlugins(c.Plugins)...)
	add(validateProfiles(c.Profiles, c.Plugins)...)
	return errors.Join(errs...)
}

func (j Jitter) validate() []error {
	var errs []error
	if j.MaxMs < MinJitterMs || j.MaxMs > MaxJitterMs {
		errs = append(errs, invalid("jitter.max_ms", "%d out of range %d–%d", j.MaxMs, MinJitterMs, MaxJitterMs))
	}
	if j.TargetMs < 0 || j.TargetMs > j.MaxMs {
		errs = append(errs, invalid("jitter.target_ms", "%d out of range 0–%d (jitter.max_ms)", j.TargetMs, j.MaxMs))
	}
	if j.ConcealMs < 0 || j.ConcealMs > MaxConcealMs {
		errs = append(errs, invalid("jitter.conceal_ms", "%d out of range 0–%d", j.ConcealMs, MaxConcealMs))
	}
	return errs
}

func (c Capacity) validate() []error {
	var errs []error
	if c.MaxCalls < 1 {
		errs = append(errs, invalid("capacity.max_calls", "%d, want at least 1", c.MaxCalls))
	}
	if c.DrainTimeout < 0 {
		errs = append(errs, invalid("capacity.drain_timeout", "%s is negative", c.DrainTimeout))
	}
	if c.MinFreeMB < 0 {
		errs = append(errs, invalid("capacity.min_free_mb", "%d is negative", c.MinFreeMB))
	}
	return errs
}

// Check returns the problems of the log section (log.level, log.format),
// each a *KeyError; reel-rm checks its own log section with it too.
func (l Log) Check() []error {
	var errs []error
	if _, err := logging.ParseLevel(l.Level); err != nil {
		errs = append(errs, invalid("log.level", "%v", err))
	}
	if err := logging.CheckFormat(l.Format); err != nil {
		errs = append(errs, invalid("log.format", "%v", err))
	}
	return errs
}
