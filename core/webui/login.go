package webui

import (
	"log/slog"
	"net/http"

	"github.com/reel-project/reel/core/httpapi"
)

var loginPage = Templates(assets, nil, "assets/login.html")

func loginForm(w http.ResponseWriter, r *http.Request) {
	Render(w, r, loginPage, slog.Default(), http.StatusOK, "login.html", Page{Title: "Sign in", Nav: "login"})
}

// login keeps the token in an HttpOnly, SameSite=Strict cookie (so another
// site cannot make the browser send it) and goes home. A wrong token shows
// on the next page as 401.
func login(home string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := r.PostFormValue("token")
		if tok == "" {
			Render(w, r, loginPage, slog.Default(), http.StatusBadRequest, "login.html",
				Page{Title: "Sign in", Nav: "login", Error: "no token given"})
			return
		}
		http.SetCookie(w, &http.Cookie{Name: httpapi.CookieToken, Value: tok, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
		http.Redirect(w, r, home, http.StatusSeeOther)
	}
}
