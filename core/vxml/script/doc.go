// Package script runs the ECMAScript of a VoiceXML session in goja: one
// runtime per session and the VoiceXML variable scopes (session, application,
// document, dialog, anonymous) as nested objects that every expression sees
// through a chain of `with` statements, innermost scope first. Expressions,
// conditions and <script> bodies are compiled once per process and cached;
// every script error, including a run past the CPU budget, comes back as an
// error wrapping ErrSemantic, never as a panic.
package script
