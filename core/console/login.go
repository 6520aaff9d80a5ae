package console

import (
	"net/http"

	"github.com/reel-project/reel/core/httpapi"
)

func (c *Console) loginForm(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "login.html", page{Title: "Sign in", Nav: "login"})
}

// login keeps the token in an HttpOnly, SameSite=Strict cookie (so another
// site cannot make the browser send it) and goes to the calls page. A wrong
// token shows on the next page as 401.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	tok := r.PostFormValue("token")
	if tok == "" {
		c.render(w, r, http.StatusBadRequest, "login.html", page{Title: "Sign in", Nav: "login", Error: "no token given"})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: httpapi.CookieToken, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, Path+"calls", http.StatusSeeOther)
}
