// Package dispatch executes MSML documents as recording actions and writes
// the <result> that answers them (RFC 5707 §7, docs/wire.md §2).
//
// Start here: implement Controller (core/app does, over the conference
// engine, for the SIP dialog an INFO arrived on) and call Dispatch with the
// INFO body; send the Result back with msml.Reply. Operations run in document
// order and the first failure stops the rest: the result carries its code
// and a description that names the operation and says exactly what was
// wrong, plus the ids of the operations that succeeded before it.
//
// Errors from msml.Parse and from the Controller meet MSML result codes in
// one table (errors.go). A Controller wraps the sentinels of this package;
// any other error is an internal error (500).
package dispatch
