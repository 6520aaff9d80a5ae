// Package fetch loads the resources of a VoiceXML application — documents,
// grammars, scripts, audio and <data> — over http(s) and from file: URIs under
// configured roots, with an HTTP cache shared by every session of a process
// (Cache-Control, Expires, ETag/Last-Modified revalidation and the VoiceXML
// maxage/maxstale request limits). A cache entry also memoises what was built
// from its body (a parsed document, a compiled grammar), so a document that is
// still fresh, or revalidates unchanged, is not parsed again by a new session.
package fetch
