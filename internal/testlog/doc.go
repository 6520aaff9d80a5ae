// Package testlog sends a test's logs to the test (t.Log) until the test
// ends, and drops what goroutines it started — sipgo's transport readers,
// plugin watchers — log after that: testing panics on a t.Log after the
// test completed ("Log in goroutine after Test… has completed").
package testlog
