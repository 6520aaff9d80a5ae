// Package driver runs a VoiceXML application headless: a vxml.Session on a
// virtual clock, fed scripted DTMF, hang-up and transfer outcomes, with every
// action it emits recorded with its virtual time. `reelctl vxml run` and the
// W3C conformance tests use it; a call drives the same Session with real time
// and real media.
package driver
