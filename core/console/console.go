package console

import (
	"embed"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"time"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/recapi"
	"github.com/reel-project/reel/core/recindex"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/core/webui"
)

// Path is where the console lives.
const Path = webui.Path

//go:embed assets
var assets embed.FS

var pages = webui.Templates(assets, funcs, "assets/*.html")

// menu is the console's pages.
var menu = []string{"calls", "recordings", "spool"}

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
	src  Sources
	log  *slog.Logger
	live *webui.Streams
}

// Close ends the live streams (call it when the server shuts down, which
// waits for them otherwise); the pages go on working. Safe twice.
func (c *Console) Close() { c.live.Close() }

// New returns the console over src.
func New(src Sources, log *slog.Logger) *Console {
	if log == nil {
		log = slog.Default()
	}
	if src.Tick <= 0 {
		src.Tick = 250 * time.Millisecond
	}
	return &Console{src: src, log: log, live: webui.NewStreams(src.Tick)}
}

// Routes are the console's http.ServeMux patterns, the shared sign-in and
// static files included.
func (c *Console) Routes() map[string]http.Handler {
	op := httpapi.RequireOperator
	r := webui.Routes(Path + "calls")
	maps.Copy(r, map[string]http.Handler{
		"GET " + Path + "{$}":               http.RedirectHandler(Path+"calls", http.StatusSeeOther),
		"GET " + Path + "calls":             http.HandlerFunc(c.calls),
		"GET " + Path + "calls/events":      c.live.Handler(func() any { return c.src.Calls() }),
		"GET " + Path + "recordings":        http.HandlerFunc(c.recordings),
		"GET " + Path + "recordings/{id}":   http.HandlerFunc(c.recording),
		"GET " + Path + "spool":             http.HandlerFunc(c.spool),
		"POST " + Path + "spool/{id}/retry": op(http.HandlerFunc(c.retry)),
		"GET " + Path + "spool/{id}/export": op(http.HandlerFunc(c.export)),
	})
	return r
}

// OpenPaths are the console paths a browser reaches without a token.
func OpenPaths() []string { return webui.OpenPaths() }

type page = webui.Page

func (c *Console) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	p.Menu = menu
	webui.Render(w, r, pages, c.log, code, name, p)
}
