package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"slices"
)

// Role is what a bearer token may do on the admin API.
type Role int

// Roles, weakest first.
const (
	NoRole   Role = iota // no valid token
	Reader               // may read everything: the console, /calls, /api/v2/recordings, /metrics
	Operator             // may also change things: retry and export dead letters
)

// Tokens are the admin API's bearer tokens by role: Operator is
// http.token_file's, Reader http.read_token_file's. With no Operator token
// the API is open and every request is an Operator's
// (docs/decisions/0055-console-roles.md).
type Tokens struct {
	Operator, Reader string
}

type roleKey struct{}

// RoleOf returns the role RequireRoles gave r; Operator for a request that
// did not pass through it (an API without tokens).
func RoleOf(r *http.Request) Role {
	if role, ok := r.Context().Value(roleKey{}).(Role); ok {
		return role
	}
	return Operator
}

// RequireRoles wraps h so that every request but those for the open paths
// carries one of the tokens; others get 401. h finds the role with RoleOf
// and refuses what it does not allow with Forbid.
func RequireRoles(t Tokens, h http.Handler, open ...string) http.Handler {
	if t.Operator == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slices.Contains(open, r.URL.Path) {
			h.ServeHTTP(w, r)
			return
		}
		role := t.roleOf(credential(r))
		if role == NoRole {
			w.Header().Set("WWW-Authenticate", `Bearer realm="reel"`)
			writeText(w, http.StatusUnauthorized, "unauthorized: this admin API wants Authorization: Bearer <http.token_file>")
			return
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), roleKey{}, role)))
	})
}

// CookieToken is the cookie the console's login form sets, so a browser
// (which cannot add an Authorization header to a link) carries the token.
const CookieToken = "reel_token"

// credential is the request's Authorization header, or its token cookie
// as a bearer credential.
func credential(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		return auth
	}
	if c, err := r.Cookie(CookieToken); err == nil {
		return "Bearer " + c.Value
	}
	return ""
}

func (t Tokens) roleOf(auth string) Role {
	got := []byte(auth)
	switch {
	case subtle.ConstantTimeCompare(got, []byte("Bearer "+t.Operator)) == 1:
		return Operator
	case t.Reader != "" && subtle.ConstantTimeCompare(got, []byte("Bearer "+t.Reader)) == 1:
		return Reader
	}
	return NoRole
}

// RequireOperator wraps h so that a Reader gets 403.
func RequireOperator(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if RoleOf(r) < Operator {
			Forbid(w)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Forbid answers 403: the token is valid but its role may not do this.
func Forbid(w http.ResponseWriter) {
	writeText(w, http.StatusForbidden, "forbidden: this needs the operator token (http.token_file), not the read-only one")
}
