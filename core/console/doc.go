// Package console is the web console of reel-mcp's admin listener: live
// calls (with a pause visible within a second, over server-sent events),
// recordings (search, detail, waveform, playback) and the spool (dead
// letters with retry and export). Pages are rendered on the server from
// html/template and the assets embedded in the binary, so everything but
// the live updates works with scripts off; nothing is fetched from outside.
//
// Start here: New(Sources{…}, log).Routes() into the admin server's
// routes, beside core/recapi's. The admin token guards the pages like any
// route (core/httpapi.RequireRoles); /console/login sets it as a cookie for
// browsers. Retry and export need the operator role.
package console
