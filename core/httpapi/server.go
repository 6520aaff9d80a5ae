package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/reel-project/reel/core/metrics"
)

// Built-in routes.
const (
	PathHealth  = "/healthz"
	PathReady   = "/readyz"
	PathMetrics = "/metrics"
)

// Server is the admin HTTP server. Start, Addr and Shutdown are safe for
// concurrent use; the serving goroutine stops in Shutdown.
type Server struct {
	srv  *http.Server
	addr string

	mu       sync.Mutex
	ln       net.Listener
	started  bool
	done     chan struct{} // closed when Serve returns
	serveErr error         // what Serve returned, unless ErrServerClosed
}

// Option configures a Server.
type Option func(*Server)

// WithLogger sends the server's own errors (bad requests, handler panics)
// to log at warn level instead of the standard logger.
func WithLogger(log *slog.Logger) Option {
	return func(s *Server) { s.srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn) }
}

// New returns a server for addr (host:port; port 0 picks a free one). m nil
// leaves out /metrics; ready nil means always ready. extra maps further
// http.ServeMux patterns to handlers; like ServeMux, New panics if one
// clashes with a built-in route.
func New(addr string, m *metrics.Metrics, ready func() error, extra map[string]http.Handler, opts ...Option) *Server {
	s := &Server{addr: addr, srv: &http.Server{
		Handler:           routes(m, ready, extra),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       time.Minute,
	}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// OnShutdown calls f when Shutdown begins, for handlers that stream until
// told to stop (server-sent events), which Shutdown would otherwise wait for.
func (s *Server) OnShutdown(f func()) { s.srv.RegisterOnShutdown(f) }

// Start binds the address, returning the bind error if there is one, and
// serves in a goroutine until Shutdown.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return ErrStarted
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("httpapi: listen %s: %w", s.addr, err)
	}
	s.ln, s.started, s.done = ln, true, make(chan struct{})
	go s.serve(ln, s.done)
	return nil
}

// serve runs the HTTP server on ln until Shutdown, then closes done.
func (s *Server) serve(ln net.Listener, done chan struct{}) {
	defer close(done)
	err := s.srv.Serve(ln)
	if !errors.Is(err, http.ErrServerClosed) {
		s.mu.Lock()
		s.serveErr = err
		s.mu.Unlock()
	}
}

// Addr returns the bound address ("127.0.0.1:41234") after Start, else "".
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Shutdown stops accepting connections and waits for requests in flight;
// when ctx ends first it closes the remaining connections and returns
// ctx's error. It returns once the serving goroutine has stopped, with the
// error that stopped serving early, if any. Calling it before Start or twice
// is harmless.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	started, done := s.started, s.done
	s.mu.Unlock()
	if !started {
		return nil
	}
	err := s.srv.Shutdown(ctx)
	if err != nil {
		_ = s.srv.Close() // ctx ended: drop the connections still open
	}
	<-done
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(err, s.serveErr)
}
