// Package app is reel-mcp's composition root: it builds every component from
// the configuration, starts them in order, and on shutdown drains (new calls
// get 503, running recordings finish cleanly) before it stops them.
//
// Recordings are started, paused, resumed and stopped through one API, the
// recordings type (recordings.go): MSML calls it (msml_control.go), and so
// must VoiceXML and SIPREC. It is also the conference engine's Host and
// owns the recording profiles (decision 0031).
package app
