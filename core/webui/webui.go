package webui

import (
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/reel-project/reel/core/httpapi"
)

// Path is where both consoles live on their admin listener.
const Path = "/console/"

//go:embed assets
var assets embed.FS

// Page is what every template gets.
type Page struct {
	Title    string
	Menu     []string // the console's pages, under Path
	Nav      string   // the current one
	Operator bool
	Error    string
	Data     any
}

// Funcs are the template functions every page may use.
var Funcs = template.FuncMap{
	"join": func(s []string) string { return strings.Join(s, ", ") },
	"utc": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04:05")
	},
}

// Templates parses the shared layout and sign-in page with a console's own
// templates (patterns in fsys); funcs add to Funcs.
func Templates(fsys fs.FS, funcs template.FuncMap, patterns ...string) *template.Template {
	t := template.Must(template.New("").Funcs(Funcs).Funcs(funcs).ParseFS(assets, "assets/*.html"))
	return template.Must(t.ParseFS(fsys, patterns...))
}

// Render writes the page name of t with p, as the request's role sees it.
func Render(w http.ResponseWriter, r *http.Request, t *template.Template, log *slog.Logger, code int, name string, p Page) {
	p.Operator = httpapi.RoleOf(r) >= httpapi.Operator
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
	w.WriteHeader(code)
	if err := t.ExecuteTemplate(w, name, p); err != nil {
		log.Error("console page", "page", name, "err", err)
	}
}

// Routes are the shared routes: the static files and the sign-in form,
// which goes to home afterwards.
func Routes(home string) map[string]http.Handler {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree always has it
	}
	return map[string]http.Handler{
		"GET " + Path + "static/": http.StripPrefix(Path, http.FileServerFS(sub)),
		"GET " + Path + "login":   http.HandlerFunc(loginForm),
		"POST " + Path + "login":  login(home),
	}
}

// OpenPaths are the console paths a browser reaches without a token.
func OpenPaths() []string { return []string{Path + "login"} }
