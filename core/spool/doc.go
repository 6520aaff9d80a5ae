// Package spool delivers finished recordings to their destinations without
// ever losing one: files and a durable job record on local disk, a delivery
// state machine with retries, and a recovery scan after a crash.
//
// Start here: Open the spool directory with the configured destinations
// (storage, metadata and analytics targets behind the small Destination
// interface), call Run in its own goroutine, and Submit a Job when a
// recording stops (JobFromFiles builds it). Recorders call WriteActive
// before they create their files, and write them into the directory it
// returns, so that a crash leaves something Open can repair and deliver.
//
// A job goes to every Store destination in parallel; only when all of them
// acknowledged, to the Metadata destinations; then to the Analytics ones.
// Each attempt that fails is retried with capped exponential back-off until
// the retry horizon (40 days by default), after which the job is
// dead-lettered; a destination's Permanent error dead-letters it at once.
// The local files are deleted only after every destination acknowledged.
// List, Show, Retry and Export are the operator's view (reelctl spool);
// Inspector gives the read-only part of it without taking the spool's lock.
//
// The layout on disk, the state machine and the recovery rules are in
// docs/decisions/0018-spool.md.
package spool
