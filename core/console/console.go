package console

import (
	"embed"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/recapi"
	"github.com/reel-project/reel/core/recindex"
	"github.com/reel-project/reel/core/spool"
)

// Path is where the console lives.
const Path = "/console/"

//go:embed assets
var assets embed.FS

var pages = template.Must(template.New("").Funcs(funcs).ParseFS(assets, "assets/*.html"))

// Spool is what the console reads and does on the spool (*spool.Spool).
type Spool interface {
	List(spool.Filter) ([]spool.JobSummary, error)
	Retry(id string) error
	Export(id string, w io.Writer) error
}

// Sources are what the console shows.
type Sources struct {
	Calls func() calls.Report
	Spool Spool
	Index *recindex.Index
	API   *recapi.API // files and waveforms
	// Tick is how often the live calls are sent (250 ms).
	Tick time.Duration
}

// Console serves the pages. Its handlers are safe for concurrent use.
type Console struct {
	src Sources
	log *slog.Logger
}

// New returns the console over src.
func New(src Sources, log *slog.Logger) *Console {
	if log == nil {
		log = slog.Default()
	}
	if src.Tick <= 0 {
		src.Tick = 250 * time.Millisecond
	}
	return &Console{src: src, log: log}
}

// Routes are the console's http.ServeMux patterns.
func (c *Console) Routes() map[string]http.Handler {
	op := httpapi.RequireOperator
	return map[string]http.Handler{
		"GET " + Path + "{$}":               http.RedirectHandler(Path+"calls", http.StatusSeeOther),
		"GET " + Path + "login":             http.HandlerFunc(c.loginForm),
		"POST " + Path + "login":            http.HandlerFunc(c.login),
		"GET " + Path + "static/":           http.StripPrefix(Path, http.FileServerFS(static())),
		"GET " + Path + "calls":             http.HandlerFunc(c.calls),
		"GET " + Path + "calls/events":      http.HandlerFunc(c.callEvents),
		"GET " + Path + "recordings":        http.HandlerFunc(c.recordings),
		"GET " + Path + "recordings/{id}":   http.HandlerFunc(c.recording),
		"GET " + Path + "spool":             http.HandlerFunc(c.spool),
		"POST " + Path + "spool/{id}/retry": op(http.HandlerFunc(c.retry)),
		"GET " + Path + "spool/{id}/export": op(http.HandlerFunc(c.export)),
	}
}

// OpenPaths are the console paths a browser reaches without a token.
func OpenPaths() []string { return []string{Path + "login"} }

// page is what every template gets.
type page struct {
	Title    string
	Nav      string
	Operator bool
	Error    string
	Data     any
}

func (c *Console) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	p.Operator = httpapi.RoleOf(r) >= httpapi.Operator
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
	w.WriteHeader(code)
	if err := pages.ExecuteTemplate(w, name, p); err != nil {
		c.log.Error("console page", "page", name, "err", err)
	}
}
